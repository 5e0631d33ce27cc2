import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openFileAuditJournal } from '../src/audit/journal-file';
import { startAzurite } from '../test/support/azurite';
import { summarise } from './stats';

/**
 * `npx tsx bench/scaleout.ts`: the audit journal with several instances, on Azurite (in memory,
 * loopback). Appends/s and per-append latency from three processes at once on the blob journal,
 * then the file journal in this process for the same number of appends; and the leader lease's
 * failover (SIGKILL the leading process → another leads). BENCH_APPENDS per instance (default 200).
 */
const APPENDS = Number(process.env.BENCH_APPENDS ?? '200');
const INSTANCES = 3;
const log = (text: string) => process.stdout.write(`${text}\n`);
const fmt = (s: ReturnType<typeof summarise>) => `p50 ${s.p50.toFixed(1)} ms, p99 ${s.p99.toFixed(1)} ms, max ${s.max.toFixed(1)} ms`;

function worker(env: Record<string, string>): { child: ChildProcess; lines: AsyncIterable<string> } {
  const child = spawn(process.execPath, ['-r', 'tsx/cjs', join(__dirname, 'scaleout-worker.ts')], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  async function* lines() {
    let pending = '';
    for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
      const parts = (pending + chunk.toString()).split('\n');
      pending = parts.pop() ?? '';
      yield* parts;
    }
  }
  return { child, lines: lines() };
}
const first = async (lines: AsyncIterable<string>): Promise<string> => {
  for await (const line of lines) return line;
  throw new Error('worker ended without output');
};

async function main(): Promise<void> {
  const azurite = await startAzurite();
  try {
    const workers = Array.from({ length: INSTANCES }, () => worker({ BENCH_MODE: 'append', BENCH_BLOB: azurite.connectionString, BENCH_APPENDS: String(APPENDS) }));
    const results = (await Promise.all(workers.map((w) => first(w.lines)))).map((l) => JSON.parse(l) as { latencies: number[]; wallMs: number; retries: number });
    const all = results.flatMap((r) => r.latencies);
    const wall = Math.max(...results.map((r) => r.wallMs));
    log(`blob journal, ${INSTANCES} processes × ${APPENDS} appends: ${(all.length / (wall / 1000)).toFixed(0)} appends/s; ${fmt(summarise(all))}; ${results.reduce((n, r) => n + r.retries, 0)} lost the race and re-chained`);

    const dir = mkdtempSync(join(tmpdir(), 'verdict-bench-journal-'));
    try {
      const file = await openFileAuditJournal({ path: join(dir, 'audit.jsonl'), now: Date.now });
      const latencies: number[] = [];
      const started = performance.now();
      // Three callers at once, as three instances' worth of work in one process (the file is one writer).
      await Promise.all(Array.from({ length: INSTANCES }, async () => {
        for (let i = 0; i < APPENDS; i++) {
          const t = performance.now();
          await file.append({ type: 'command.run', actor: { name: 'bench' }, data: { i } });
          latencies.push(performance.now() - t);
        }
      }));
      const fileWall = performance.now() - started;
      await file.close();
      log(`file journal, 1 process, ${INSTANCES} callers × ${APPENDS} appends: ${(latencies.length / (fileWall / 1000)).toFixed(0)} appends/s; ${fmt(summarise(latencies))}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }

    const holders = Array.from({ length: INSTANCES }, () => worker({ BENCH_MODE: 'lease', BENCH_BLOB: azurite.connectionString }));
    // Each holder's first line is the moment it leads (or never, for a killed one).
    const leads = holders.map((h) => first(h.lines).then((l) => (JSON.parse(l) as { leads: number }).leads, () => Number.POSITIVE_INFINITY));
    const leading = await Promise.race(leads.map(async (p, i) => (await p, i)));
    const killedAt = Date.now();
    holders[leading]?.child.kill('SIGKILL');
    const next = { leads: await Promise.race(leads.filter((_, i) => i !== leading)) };
    log(`leader lease (15 s): SIGKILL of the leader → another leads after ${((next.leads - killedAt) / 1000).toFixed(1)} s (the outbox then posts within its 2 s poll)`);
    for (const h of holders) h.child.kill('SIGKILL');
  } finally {
    await azurite.stop();
  }
}

main().then(() => process.exit(0), (err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
