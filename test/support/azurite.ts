import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** Azurite's published development account key (not a secret: the same in every Azurite). */
const DEV_ACCOUNT = 'devstoreaccount1';
const DEV_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export interface Azurite {
  port: number;
  /** For BlobsStorage; `UseDevelopmentStorage=true` would mean port 10000. */
  connectionString: string;
  stop(): Promise<void>;
}

/**
 * Azurite's Blob service in memory on 127.0.0.1, on a port the OS picks (read back from its
 * "listens on" line), without telemetry, in a temp working directory removed on stop.
 */
export async function startAzurite(timeoutMs = 20_000): Promise<Azurite> {
  const cwd = await mkdtemp(join(tmpdir(), 'verdict-azurite-'));
  const bin = resolve(__dirname, '../../node_modules/.bin/azurite-blob');
  const args = ['--inMemoryPersistence', '--extentMemoryLimit', '64', '--disableTelemetry', '--silent', '--blobHost', '127.0.0.1', '--blobPort', '0'];
  const child = spawn(bin, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));

  try {
    const port = await new Promise<number>((resolvePort, reject) => {
      let output = '';
      const timer = setTimeout(() => reject(new Error(`Azurite did not start within ${timeoutMs} ms: ${output}`)), timeoutMs);
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        const m = /listens on http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
        if (m) {
          clearTimeout(timer);
          resolvePort(Number(m[1]));
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      child.once('error', (e) => {
        clearTimeout(timer);
        reject(e);
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`Azurite exited (${code}) before listening: ${output}`));
      });
    });
    return {
      port,
      connectionString: `DefaultEndpointsProtocol=http;AccountName=${DEV_ACCOUNT};AccountKey=${DEV_KEY};BlobEndpoint=http://127.0.0.1:${port}/${DEV_ACCOUNT};`,
      stop: () => stopChild(child, exited).then(() => rm(cwd, { recursive: true, force: true })),
    };
  } catch (error) {
    await stopChild(child, exited);
    await rm(cwd, { recursive: true, force: true });
    throw error;
  }
}

async function stopChild(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}
