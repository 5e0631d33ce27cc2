import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { startSandbox, type SandboxStats } from '../src/sandbox';
import { benchUserObjectId } from './bot-driver';
import { serveNodeFlags } from './serve-flags';
import { summarise, type Summary } from './stats';

const ROOT = join(__dirname, '..');

export interface MemorySample {
  /** ms since the bot was ready. */
  atMs: number;
  /** VmRSS from /proc/<pid>/status. */
  rss: number;
  /** From the preloaded probe (bench/memory-probe.cjs), the latest one before this sample. */
  heapUsed?: number;
  /** The probe's whole process.memoryUsage() reading, the latest one before this sample. */
  memory?: ProbeReading;
}

/** cpuMs: the bot's CPU time so far (user + system), to compare settings on a shared machine. */
export interface ProbeReading { rss: number; heapUsed: number; heapTotal: number; external: number; arrayBuffers: number; cpuMs: number }

export interface BotAloneResult {
  commands: number;
  distinct: number;
  wallMs: number;
  replies: number;
  perCommand: Summary;
  samples: MemorySample[];
  rssEnd: number;
  /** The bot's CPU time (user + system) from ready to the end, from the probe; NaN without readings. */
  cpuMs: number;
  sandbox: SandboxStats;
}

/**
 * 5: the bot as its own process, as `npm run serve` runs it (node with serve's flags, dist/src/main.js, built first),
 * in live mode against a sandbox in this process, driven over HTTP /api/messages, replies to a
 * loopback stand-in for the Bot Connector. The first `distinct` /hash are sent at once (cache
 * cold: some Files API calls, the rest a hunting batch), then the rest `concurrency` at a time
 * (cache hits). RSS is read from /proc; heap comes from a preloaded probe (no code in the bot).
 * `nodeFlags`: node options added after serve's own (diagnosis, or a heap cap to compare).
 */
export async function runBotAlone(hashes: readonly string[], commands: number, concurrency: number, options: { build: boolean; nodeFlags?: string[] }): Promise<BotAloneResult> {
  if (options.build) execFileSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(ROOT, 'tsconfig.build.json')], { cwd: ROOT, stdio: 'inherit' });
  const dir = mkdtempSync(join(tmpdir(), 'verdict-bench-bot-'));
  const sandbox = await startSandbox({ syntheticFiles: true });
  const connector = await startConnector();
  const caFile = join(dir, 'sandbox-ca.pem');
  writeFileSync(caFile, sandbox.caCertPem);
  const port = await freePort();
  const child = spawn(process.execPath, [...serveNodeFlags(ROOT), ...(options.nodeFlags ?? []), ...(process.env.BENCH_MEMORY_PROBE_GC === '1' ? ['--expose-gc'] : []), '-r', join(__dirname, 'memory-probe.cjs'), join(ROOT, 'dist', 'src', 'main.js')], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: {
      PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NODE_ENV: 'production',
      PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', STATE_DIR: join(dir, 'state'), ROLES_DEFAULT: 'reader',
      MDE_MODE: 'live', MDE_TENANT_ID: sandbox.credentials.tenantId, MDE_CLIENT_ID: sandbox.credentials.clientId,
      MDE_CLIENT_SECRET: sandbox.credentials.clientSecret, MDE_API_BASE_URL: sandbox.apiBaseUrl, MDE_AUTHORITY_HOST: sandbox.authorityHost,
      // Hunting goes to Graph by default: the sandbox's, or the bot would try graph.microsoft.com.
      GRAPH_BASE_URL: sandbox.graphBaseUrl,
      NODE_EXTRA_CA_CERTS: caFile, BENCH_MEMORY_PROBE_MS: '250', BENCH_MEMORY_PROBE_GC: process.env.BENCH_MEMORY_PROBE_GC ?? '',
      BENCH_MEMORY_PROBE_ALLOC: process.env.BENCH_MEMORY_PROBE_ALLOC ?? '',
    },
  });
  let memory: ProbeReading | undefined;
  let stderr = '';
  let partial = ''; // a chunk may end mid-line: keep the tail for the next one
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    const lines = (partial + chunk).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      if (line.startsWith('BENCH_MEM ')) memory = JSON.parse(line.slice(10)) as ProbeReading;
      else if (line.trim()) stderr = (stderr + line + '\n').slice(-4_000);
    }
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // A bot that stops answering (thrashing at a heap cap, say) must not hang the bench: kill it.
  const deadline = setTimeout(() => child.kill('SIGKILL'), 10 * 60_000);
  try {
    const url = `http://127.0.0.1:${port}`;
    await waitReady(url, () => child.exitCode !== null, () => stderr);
    const readyAt = performance.now();
    const samples: MemorySample[] = [];
    const sample = () => samples.push({ atMs: performance.now() - readyAt, rss: vmRss(child.pid as number), heapUsed: memory?.heapUsed, memory });
    sample();
    const sampler = setInterval(sample, 500);
    const send = (i: number) =>
      post(url, activity(i, hashes[i % hashes.length] as string, connector.url, sandbox.credentials.tenantId)).catch(async (err: unknown) => {
        await Promise.race([exited, sleep(1_000)]);
        if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the bot process died (exit ${child.exitCode ?? child.signalCode}):\n${stderr.trim().split('\n').slice(-3).join('\n')}`);
        throw err;
      });
    const started = performance.now();
    await Promise.all(hashes.map((_, i) => send(i)));
    const times: number[] = [];
    let next = hashes.length;
    await Promise.all(Array.from({ length: concurrency }, async () => {
      while (next < commands) {
        const i = next++;
        const t = performance.now();
        await send(i);
        times.push(performance.now() - t);
      }
    }));
    const wallMs = performance.now() - started;
    await sleep(600); // let the probe report once more after the last command
    clearInterval(sampler);
    sample();
    const last = samples[samples.length - 1] as MemorySample;
    const cpuMs = (last.memory?.cpuMs ?? Number.NaN) - (samples[0]?.memory?.cpuMs ?? Number.NaN);
    return { commands, distinct: hashes.length, wallMs, replies: connector.replies(), perCommand: summarise(times), samples, rssEnd: last.rss, cpuMs, sandbox: sandbox.stats() };
  } finally {
    clearTimeout(deadline);
    child.kill('SIGTERM');
    await Promise.race([exited, sleep(5_000)]);
    if (child.exitCode === null) child.kill('SIGKILL');
    await connector.stop();
    await sandbox.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

function activity(i: number, hash: string, serviceUrl: string, tenantId: string) {
  const user = i % 50;
  return {
    type: 'message', id: `m-${i}`, text: `/hash ${hash}`, channelId: 'msteams', serviceUrl,
    from: { id: `29:bench-${user}`, name: `Bench User ${user}`, aadObjectId: benchUserObjectId(user) },
    recipient: { id: '28:verdict-bot', name: 'Verdict' },
    conversation: { id: `a:bench-${user}`, conversationType: 'personal' },
    channelData: { tenant: { id: tenantId } },
  };
}

async function post(url: string, body: unknown): Promise<void> {
  const res = await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  await res.text();
  if (res.status >= 300) throw new Error(`bot answered HTTP ${res.status}`);
}

/** NaN once the process is gone. */
function vmRss(pid: number): number {
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return Number.NaN;
  }
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  return match ? Number(match[1]) * 1_024 : Number.NaN;
}

async function waitReady(url: string, dead: () => boolean, stderr: () => string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (dead()) throw new Error(`the bot exited before it was ready:\n${stderr()}`);
    const ok = await fetch(`${url}/readyz`).then((r) => r.ok, () => false);
    if (ok) return;
    await sleep(100);
  }
  throw new Error(`the bot was not ready within 30 s:\n${stderr()}`);
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A Bot Connector stand-in on loopback: answers every post like the connector and counts them. */
async function startConnector(): Promise<{ url: string; replies(): number; stop(): Promise<void> }> {
  let replies = 0;
  let n = 0;
  const server: Server = createServer((req, res) => {
    req.resume().on('end', () => {
      if (req.method === 'POST') replies += 1;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: `sent-${++n}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    replies: () => replies,
    stop: () => new Promise((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}
