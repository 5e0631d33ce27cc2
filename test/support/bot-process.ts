import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export interface LogLine {
  msg?: string;
  level?: number;
  [field: string]: unknown;
}

export interface BotProcess {
  readonly pid: number;
  /** pino lines from stdout, parsed, in order. */
  readonly logs: LogLine[];
  /** stderr, for a failure message. */
  stderr(): string;
  /** Resolves with the first log line (already seen or to come) that matches. */
  waitForLog(match: (line: LogLine) => boolean): Promise<LogLine>;
  /** Resolves once the process has exited, with its code (null when killed by a signal). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  alive(): boolean;
  kill(signal: NodeJS.Signals): void;
}

const ROOT = join(__dirname, '..', '..');

/**
 * Runs a TypeScript script under test/support as its own Node process (through tsx's require hook),
 * with exactly `env` plus PATH and HOME: nothing from the developer's shell leaks into the bot's config.
 */
export function spawnScript(script: string, env: Record<string, string>): BotProcess {
  const child: ChildProcess = spawn(process.execPath, ['-r', 'tsx/cjs', join(ROOT, 'test', 'support', script)], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (child.pid === undefined) throw new Error(`could not start ${script}`);
  const logs: LogLine[] = [];
  const waiters: { match: (line: LogLine) => boolean; resolve: (line: LogLine) => void }[] = [];
  let stderr = '';
  let pending = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    const lines = (pending + chunk).split('\n');
    pending = lines.pop() ?? '';
    for (const text of lines) {
      let line: LogLine;
      try {
        line = JSON.parse(text) as LogLine;
      } catch {
        line = { msg: text };
      }
      logs.push(line);
      for (const w of [...waiters]) {
        if (w.match(line)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(line);
        }
      }
    }
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => void (stderr += chunk));
  let running = true;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      running = false;
      resolve({ code, signal });
    });
  });
  return {
    pid: child.pid,
    logs,
    stderr: () => stderr,
    waitForLog(match) {
      const seen = logs.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve) => waiters.push({ match, resolve }));
    },
    exited,
    alive: () => running,
    kill(signal) {
      if (running) child.kill(signal);
    },
  };
}
