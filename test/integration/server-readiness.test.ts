import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { startVerdict, type RunningVerdict } from '../../src/main';

/*
 * /readyz means "able to serve": 503 with the reason while the journal cannot take an entry, the
 * state store cannot be read or MDE's token cannot be obtained, and 200 again by itself once the
 * fault is gone. Real faults: the sandbox's token endpoint failing, the store's folder and the
 * journal's file replaced by something unusable (root ignores file modes, so no chmod).
 */
jest.setTimeout(30_000);

const stateDir = mkdtempSync(join(tmpdir(), 'verdict-readyz-'));
let app: RunningVerdict;
beforeAll(async () => {
  app = await startVerdict({ PORT: '0', HOST: '127.0.0.1', MDE_MODE: 'sandbox', STATE_DIR: stateDir }, { logger: pino({ level: 'silent' }), readiness: { cacheMs: 0 } });
});
afterAll(async () => {
  await app?.stop();
  rmSync(stateDir, { recursive: true, force: true });
});

const readyz = async () => {
  const res = await fetch(`${app.url}/readyz`);
  return { status: res.status, body: (await res.json()) as { status: string; reasons?: string[] } };
};

/** Moves `path` aside and puts `replacement` there; the returned function puts it back. */
function replace(path: string, replacement: (at: string) => void): () => void {
  renameSync(path, `${path}.aside`);
  replacement(path);
  return () => {
    rmSync(path, { recursive: true, force: true });
    renameSync(`${path}.aside`, path);
  };
}

describe('/readyz', () => {
  // First: nothing has fetched MDE's token yet, so the fault is met rather than a cached token. A
  // refused credential, not a 5xx: after a 5xx or 429 msal-node itself holds off the token endpoint
  // for up to a minute (its throttling), which only stretches the recovery this test waits for.
  it('when MDE\'s token cannot be obtained, then 503 naming it without secrets, and 200 once Entra answers again', async () => {
    app.sandbox!.faults.inject({ family: 'token', type: 'status', status: 401, code: 'invalid_client', times: 10 });
    const failing = await readyz();
    expect(failing.status).toBe(503);
    expect(failing.body.reasons).toEqual([expect.stringMatching(/^MDE token: cannot be obtained \(unauthorized AADSTS\d+\)$/)]);
    expect(JSON.stringify(failing.body)).not.toContain(app.sandbox!.credentials.clientSecret);
    app.sandbox!.faults.clear();
    expect(await readyz()).toEqual({ status: 200, body: { status: 'ready' } });
  });

  it('when the state store cannot be read, then 503 naming the store, and 200 once it can', async () => {
    const restore = replace(join(stateDir, 'state'), (at) => writeFileSync(at, 'not a folder'));
    try {
      const failing = await readyz();
      expect(failing.status).toBe(503);
      expect(failing.body.reasons).toEqual(['state store: unreachable (ENOTDIR)']);
    } finally {
      restore();
    }
    expect((await readyz()).status).toBe(200);
  });

  it('when the journal file cannot be opened for append, then 503 naming the journal, and 200 once it can', async () => {
    const restore = replace(join(stateDir, 'audit.jsonl'), (at) => mkdirSync(at));
    try {
      const failing = await readyz();
      expect(failing.status).toBe(503);
      expect(failing.body.reasons).toEqual(['audit journal: cannot be opened for append (EISDIR)']);
    } finally {
      restore();
    }
    expect((await readyz()).status).toBe(200);
  });
});
