/**
 * Starts Microsoft 365 Agents Playground (the local Teams client) as a child process and stops its
 * whole process tree again. Used by `npm start` and by the e2e harness.
 *
 * Facts about the Playground CLI (0.2.28) this relies on, read from its bundle:
 * - With stdout not a TTY it prints only `Listening on <port>` there; everything else (including
 *   why it exits, e.g. an invalid config file) goes to its log file, so failures quote that file.
 * - It prints `Listening on` before it mounts its backend and validates the config file, so
 *   readiness is a 200 from its own `/_debug/ping`, not the line alone.
 * - It silently falls back to a random port if the requested one is taken, and to a built-in
 *   config if the config file is missing: the real port is parsed, the file is checked first.
 * - `TEAMSAPPTESTER_BROWSER=none` stops it from opening a browser (it would crash on xdg-open).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import pino, { type Logger } from 'pino';

export interface PlaygroundOptions {
  /** Where the Playground sends activities, e.g. http://127.0.0.1:3978/api/messages. */
  botEndpoint: string;
  /** Default 56150; 0 = any free port. If the port is taken the Playground picks another one. */
  port?: number;
  /** Default `<cwd>/.m365agentsplayground.yml`; must exist. */
  configPath?: string;
  /** Working directory of the Playground process; default process.cwd(). */
  cwd?: string;
  /** Default: a fresh file under the OS temp dir, removed again by stop(). */
  logFile?: string;
  /** Give up after this long; default 60 s. */
  startTimeoutMs?: number;
  logger?: Logger;
}

export interface RunningPlayground {
  /** The Playground UI, e.g. http://localhost:56150. */
  url: string;
  port: number;
  /** Process id of the Playground (leader of its own process group). */
  pid: number;
  /** The Playground's own log (every activity it sends and receives). */
  logFile: string;
  /** Kills the Playground's process tree (SIGTERM, then SIGKILL); safe to call twice. */
  stop(): Promise<void>;
}

export class PlaygroundStartError extends Error {
  constructor(
    message: string,
    /** The Playground process that failed, already stopped; absent if none was spawned. */
    readonly pid?: number,
  ) {
    super(message);
    this.name = 'PlaygroundStartError';
  }
}

const DEFAULT_PORT = 56150;
const STOP_GRACE_MS = 3_000;

function playgroundCli(): string {
  return require.resolve('@microsoft/m365agentsplayground/cli.js');
}

function tail(file: string, maxChars = 2_000): string {
  try {
    const text = readFileSync(file, 'utf8').trim();
    return text.length > maxChars ? `…${text.slice(-maxChars)}` : text;
  } catch {
    return '(no log written)';
  }
}

/** Signals the Playground's whole process group; it may already be gone. */
function killTree(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // ESRCH: nothing left in the group.
  }
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => child.once('exit', () => done()));
}

async function pingOnce(port: number): Promise<boolean> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/_debug/ping`, { signal: AbortSignal.timeout(2_000) });
    return res.ok;
  } catch {
    return false;
  }
}

/** Spawns the Playground and resolves once its UI and backend answer. */
export async function startPlayground(opts: PlaygroundOptions): Promise<RunningPlayground> {
  const logger = opts.logger ?? pino({ level: 'silent' });
  const cwd = resolve(opts.cwd ?? process.cwd());
  const configPath = resolve(cwd, opts.configPath ?? '.m365agentsplayground.yml');
  if (!existsSync(configPath)) {
    throw new PlaygroundStartError(`Playground config not found: ${configPath} (the Playground would silently use its built-in tenant)`);
  }
  const ownLogDir = opts.logFile ? undefined : mkdtempSync(join(tmpdir(), 'verdict-playground-'));
  const logFile = resolve(cwd, opts.logFile ?? join(ownLogDir as string, 'playground.log'));
  mkdirSync(dirname(logFile), { recursive: true });

  const requestedPort = opts.port ?? DEFAULT_PORT;
  const args = [playgroundCli(), '-e', opts.botEndpoint, '-c', 'msteams', '-p', String(requestedPort), '--disable-telemetry'];
  const child = spawn(process.execPath, args, {
    cwd,
    detached: true, // own process group, so stop() can kill everything it spawned
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      TEAMSAPPTESTER_BROWSER: 'none',
      M365_AGENTS_PLAYGROUND_CONFIG_PATH: configPath,
      M365_AGENTS_PLAYGROUND_LOGFILE: logFile,
    },
  });
  const log = logger.child({ component: 'playground', pid: child.pid });

  // If our process dies without calling stop(), do not leave the Playground behind.
  const killOnExit = () => killTree(child, 'SIGKILL');
  process.once('exit', killOnExit);

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      killTree(child, 'SIGTERM');
      const grace = setTimeout(() => killTree(child, 'SIGKILL'), STOP_GRACE_MS);
      await exited(child);
      clearTimeout(grace);
      killTree(child, 'SIGKILL'); // stragglers in the group, if any
      process.removeListener('exit', killOnExit);
      if (ownLogDir) rmSync(ownLogDir, { recursive: true, force: true });
      log.debug('playground stopped');
    })();
    return stopping;
  };

  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4_000);
    log.debug({ stderr: chunk.trim() }, 'playground stderr');
  });
  const listening = new Promise<number>((found) => {
    let stdout = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      stdout = (stdout + chunk).slice(-4_000);
      log.debug({ stdout: chunk.trim() }, 'playground stdout');
      const match = /Listening on (\d+)/.exec(stdout);
      if (match) found(Number(match[1]));
    });
  });

  const failure = (why: string) =>
    new PlaygroundStartError(
      `Agents Playground ${why}.\n  command: node ${args.join(' ')}\n  config: ${configPath}\n  log (${logFile}):\n${tail(logFile)}` +
        (stderr.trim() ? `\n  stderr:\n${stderr.trim()}` : ''),
      child.pid,
    );

  const timeoutMs = opts.startTimeoutMs ?? 60_000;
  let timer: NodeJS.Timeout | undefined;
  let ready = false;
  let settled = false;
  try {
    const port = await Promise.race([
      (async () => {
        const port = await listening;
        while (!settled && !(await pingOnce(port))) await new Promise((r) => setTimeout(r, 100));
        return port;
      })(),
      new Promise<never>((_, reject) => {
        child.once('error', (err) => reject(failure(`could not be spawned (${err.message})`)));
        child.once('exit', (code, signal) => reject(failure(`exited during start (code ${code}, signal ${signal})`)));
      }),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(failure(`did not answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    ready = true;
    const url = `http://localhost:${port}`;
    if (port !== requestedPort && requestedPort !== 0) log.warn({ requestedPort, port }, 'playground port was taken; using another');
    log.info({ url, botEndpoint: opts.botEndpoint, logFile }, 'playground listening');
    return { url, port, pid: child.pid as number, logFile, stop };
  } finally {
    settled = true;
    clearTimeout(timer);
    // Keep the log of a failed start: the error message points to it.
    if (!ready) await stopKeepingLog(child, killOnExit);
  }
}

async function stopKeepingLog(child: ChildProcess, killOnExit: () => void): Promise<void> {
  killTree(child, 'SIGKILL');
  await exited(child);
  process.removeListener('exit', killOnExit);
}
