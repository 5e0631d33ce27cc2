/**
 * startPlayground (src/cli/playground.ts) against the real Agents Playground CLI: it reports the
 * port it really got, explains why a start failed, and leaves no process behind.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PlaygroundStartError, startPlayground } from '../../src/cli/playground';

jest.setTimeout(60_000);

const REPO_ROOT = resolve(__dirname, '../..');
const CONFIG = join(REPO_ROOT, '.m365agentsplayground.yml');
// Nothing listens here; the Playground only needs the bot once a chat is opened.
const BOT = 'http://127.0.0.1:9/api/messages';

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

let scratch: string;
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'verdict-start-playground-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

test('when started on port 0, then it serves the demo tenant from the repo config and stop() ends it', async () => {
  const playground = await startPlayground({ botEndpoint: BOT, port: 0, cwd: REPO_ROOT });
  expect(isAlive(playground.pid)).toBe(true);
  try {
    const res = await fetch(`${playground.url}/_internal/v1/testConfig`);
    const { config } = (await res.json()) as { config: { tenantId: string; currentUser: { name: string; aadObjectId: string } } };

    expect(playground.port).toBeGreaterThan(0);
    expect(config.tenantId).toBe('8f6e7c3a-0d1b-4c2e-9a57-3b1f2e4d5c6a');
    expect(config.currentUser).toMatchObject({ name: 'Alex Wilber', aadObjectId: '3a8f1c52-6b0e-4d7a-9c21-5e4b7f0a1d01' });
  } finally {
    await playground.stop();
  }
  expect(isAlive(playground.pid)).toBe(false);
  await expect(fetch(`${playground.url}/_debug/ping`)).rejects.toThrow();
});

test('when the port is taken, then it reports the port the Playground fell back to', async () => {
  const blocker: Server = createServer();
  await new Promise<void>((done) => blocker.listen(0, done));
  const taken = (blocker.address() as { port: number }).port;
  try {
    const playground = await startPlayground({ botEndpoint: BOT, port: taken, cwd: REPO_ROOT });
    await playground.stop();

    expect(playground.port).not.toBe(taken);
  } finally {
    blocker.close();
  }
});

test('when the config file is missing, then it refuses to start instead of using the built-in tenant', async () => {
  await expect(startPlayground({ botEndpoint: BOT, port: 0, cwd: scratch })).rejects.toThrow(/config not found/);
});

test('when the config file is invalid, then the error quotes the Playground\'s reason and no process is left', async () => {
  const broken = join(scratch, 'broken.yml');
  writeFileSync(broken, readFileSync(CONFIG, 'utf8').replace(/^tenantId:.*$/m, ''));
  const logFile = join(scratch, 'broken.log');

  const error: PlaygroundStartError = await startPlayground({ botEndpoint: BOT, port: 0, cwd: REPO_ROOT, configPath: broken, logFile }).then(
    () => {
      throw new Error('started with an invalid config');
    },
    (err: PlaygroundStartError) => err,
  );

  expect(error.message).toMatch(/exited during start/);
  expect(error.message).toMatch(/must have required property 'tenantId'/);
  expect(error).toBeInstanceOf(PlaygroundStartError);
  expect(error.pid).toBeGreaterThan(0);
  expect(isAlive(error.pid as number)).toBe(false);
});
