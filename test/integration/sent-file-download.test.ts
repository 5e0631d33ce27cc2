import { createFileDownloader } from '../../src/teams/file-download';
import { startFileServer, type FileServer } from '../support/file-server';

let files: FileServer;
let other: FileServer;
beforeAll(async () => {
  files = await startFileServer();
  other = await startFileServer();
});
afterAll(async () => {
  await files.stop();
  await other.stop();
});

/**
 * Not `res.writeHead(…).end()`: restify (loaded by a bot test in the same jest worker) patches
 * node's ServerResponse.writeHead to return nothing, and the chained end() then threw in the
 * handler, leaving the request unanswered.
 */
const redirect = (res: import('node:http').ServerResponse, headers: { location: string }) => {
  res.writeHead(302, headers);
  res.end();
};

const download = createFileDownloader({ allowLoopback: true, maxBytes: 1_000 });

describe('downloading a sent file over real HTTP', () => {
  it('when the file starts with a UTF-8 BOM, then the text comes back without it', async () => {
    files.file('/bom.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Name\nwś-1\n')]));
    expect(await download(`${files.url}/bom.csv?tempauth=secret`)).toEqual({ ok: true, text: 'Name\nwś-1\n' });
  });

  it('when the bytes are not UTF-8 (a Latin-1 export), then it says so instead of guessing', async () => {
    files.file('/latin1.csv', Buffer.from([0x4e, 0x61, 0x6d, 0x65, 0x0a, 0x77, 0xe9, 0x0a]));
    expect(await download(`${files.url}/latin1.csv`)).toEqual({ ok: false, reason: 'not-utf8' });
  });

  it('when the file is over the cap and says so, then it is refused', async () => {
    files.route('/big.csv', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/csv', 'content-length': '1001' });
      res.end('x'.repeat(1_001));
    });
    expect(await download(`${files.url}/big.csv`)).toEqual({ ok: false, reason: 'too-big', maxBytes: 1_000 });
  });

  it('when an oversize file is streamed without a length, then reading stops at the cap', async () => {
    files.route('/endless.csv', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/csv' });
      const chunk = 'y'.repeat(400);
      // More than the cap, chunked (no Content-Length): only counting while reading can stop it.
      for (let i = 0; i < 10; i++) res.write(chunk);
      res.end();
    });
    expect(await download(`${files.url}/endless.csv`)).toEqual({ ok: false, reason: 'too-big', maxBytes: 1_000 });
  });

  it('when the link redirects on the same host, then the file is read from there', async () => {
    files.route('/moved.csv', (_req, res) => redirect(res, { location: '/bom.csv' }));
    expect(await download(`${files.url}/moved.csv`)).toMatchObject({ ok: true });
  });

  it('when the link redirects to another host, then it is not followed', async () => {
    other.file('/stolen.csv', 'Name\nws-1\n');
    files.route('/away.csv', (_req, res) => redirect(res, { location: `${other.url}/stolen.csv` }));
    expect(await download(`${files.url}/away.csv`)).toEqual({ ok: false, reason: 'redirect-refused' });
    expect(other.requested).not.toContain('/stolen.csv');
  });

  it('when redirects loop, then it gives up', async () => {
    files.route('/loop.csv', (_req, res) => redirect(res, { location: '/loop.csv' }));
    expect(await download(`${files.url}/loop.csv`)).toEqual({ ok: false, reason: 'redirect-refused' });
  });

  it('when the host answers 404, then it is a failed download with the status', async () => {
    expect(await download(`${files.url}/missing.csv`)).toEqual({ ok: false, reason: 'failed', status: 404 });
  });

  it('when the host never answers, then the deadline ends the download', async () => {
    files.route('/hang.csv', () => undefined);
    const impatient = createFileDownloader({ allowLoopback: true, timeoutMs: 200 });
    expect(await impatient(`${files.url}/hang.csv`)).toEqual({ ok: false, reason: 'timeout' });
  });

  it('when Verdict runs with an app id, then a loopback link is not fetched at all', async () => {
    files.file('/local.csv', 'Name\nws-1\n');
    const teams = createFileDownloader({ allowLoopback: false });
    expect(await teams(`${files.url}/local.csv`)).toEqual({ ok: false, reason: 'host-refused' });
    expect(files.requested).not.toContain('/local.csv');
  });
});
