import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { MDE_API_LIMITS } from '../src/mde/api-families';
import { runBulkAdvisory, runNaiveLoop } from './advisory';
import { runConcurrentUsers } from './concurrent';
import { runOverhead } from './overhead';
import { distinctHashes, overlappingWorkload, syntheticHashes } from './hashes';
import { huntingCalls, lastCallStartMinutes } from './floors';
import { seededRandom } from './stats';
import { formatBytes, formatFamilies, formatMs, formatScaled, formatTable, type Row } from './table';

/**
 * `npm run bench`: three scenarios against the sandbox, each with its own sandbox (fresh rate
 * windows and counters). Environment: BENCH_TIME_SCALE (default 0.1), BENCH_NAIVE_SAMPLE (how many
 * of the 1,000 hashes the naive loop looks up; default all), BENCH_COMMANDS (scenario 3, default 10,000).
 */
const TIME_SCALE = Number(process.env.BENCH_TIME_SCALE ?? '0.1');
const ADVISORY_SIZE = 1_000;
const NAIVE_SAMPLE = Math.min(ADVISORY_SIZE, Number(process.env.BENCH_NAIVE_SAMPLE ?? String(ADVISORY_SIZE)));
const USERS = 50;
const PER_USER = 20;
const OVERLAP = 0.3;
const SHARED_POOL = 60;
const OVERHEAD_DISTINCT = 300;
const OVERHEAD_COMMANDS = Number(process.env.BENCH_COMMANDS ?? '10000');
const SEED = 20_261_122;

const files = MDE_API_LIMITS.files;
const hunting = MDE_API_LIMITS.hunting;
const minutesMs = (m: number) => m * 60_000;
const log = (text: string) => process.stderr.write(`${text}\n`);

async function main(): Promise<void> {
  if (!(TIME_SCALE > 0 && TIME_SCALE <= 1)) throw new Error('BENCH_TIME_SCALE must be in (0, 1]');
  const benchStarted = performance.now();
  const machine = { node: process.version, platform: `${process.platform}/${process.arch}`, cores: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', memory: formatBytes(totalmem()) };
  log(`Verdict bench: timeScale ${TIME_SCALE} (an MDE "minute" lasts ${formatMs(60_000 * TIME_SCALE)}); node ${machine.node}, ${machine.cores} cores`);

  const advisory = syntheticHashes(`advisory-${SEED}`, ADVISORY_SIZE);
  const kinds = [advisory.filter((h) => h.length === 64).length, advisory.filter((h) => h.length === 40).length];

  log('1a: 1,000-hash advisory through /hash (hunting + fallbacks)…');
  const bulk = await runBulkAdvisory(TIME_SCALE, advisory, seededRandom(SEED));
  log('1a: the same at 0 ms MDE latency (the bot\'s own time)…');
  const bulkOwn = await runBulkAdvisory(TIME_SCALE, advisory, seededRandom(SEED), { zeroLatency: true });
  log(`1b: naive sequential GET /api/files/{hash} loop over ${NAIVE_SAMPLE} hashes…`);
  const naive = await runNaiveLoop(TIME_SCALE, advisory.slice(0, NAIVE_SAMPLE), seededRandom(SEED + 1));
  const workload = overlappingWorkload(`users-${SEED}`, USERS, PER_USER, OVERLAP, SHARED_POOL);
  log(`2: ${USERS} users × ${PER_USER} /hash at once…`);
  const concurrent = await runConcurrentUsers(TIME_SCALE, workload, seededRandom(SEED + 2));
  log(`3: ${OVERHEAD_COMMANDS} /hash at zero MDE latency, warm cache…`);
  const overhead = await runOverhead(TIME_SCALE, syntheticHashes(`overhead-${SEED}`, OVERHEAD_DISTINCT), OVERHEAD_COMMANDS);

  const rows: Row[] = [];
  const add = (scenario: string, metric: string, value: string, reference = '') => rows.push({ scenario, metric, value, reference });
  const scaled = (ms: number) => formatScaled(ms, TIME_SCALE);
  const limiterThrottled = (stats: Record<string, { throttled: number }>) => Object.values(stats).reduce((n, s) => n + s.throttled, 0);

  // 1. Advisory
  const perHashFloorMin = lastCallStartMinutes(ADVISORY_SIZE, files);
  const huntFloorCalls = huntingCalls(kinds);
  const bulkCalls = bulk.sandbox.byFamily;
  add('1a advisory: Verdict /hash (bulk)', 'wall time', scaled(bulk.wallMs), `1c hunting floor: ${huntFloorCalls} calls, latency-bound (realistic model 2–5 s real per query)`);
  // Only MDE's part of the wall time is scaled; the bot's own CPU time is real already.
  const bulkRealMs = Math.max(0, bulk.wallMs - bulkOwn.wallMs) / TIME_SCALE + bulkOwn.wallMs;
  add('1a advisory: Verdict /hash (bulk)', 'of which the bot itself', `${formatMs(bulkOwn.wallMs)} (same run at 0 ms MDE latency; real time)`, '');
  add('1a advisory: Verdict /hash (bulk)', 'real-MDE estimate', `≈ ${formatMs(bulkRealMs)} = (wall − bot) / ${TIME_SCALE} + bot`, 'slowest of the 2 parallel hunting queries: 2–5 s real');
  add('1a advisory: Verdict /hash (bulk)', 'MDE calls by family', formatFamilies(bulkCalls), `${huntFloorCalls} hunting (${kinds[0]} SHA-256 + ${kinds[1]} SHA-1, ≤1,000 per query); files only for hashes hunting could not answer`);
  add('1a advisory: Verdict /hash (bulk)', '429s received', `${bulk.sandbox.throttled} (sandbox) / ${limiterThrottled(bulk.limiter)} (client)`, '0');
  add('1a advisory: Verdict /hash (bulk)', 'messages / final card', `${bulk.cards} / "${bulk.finalHeadline}"`, 'progress message, then the summary');
  // Linear extrapolation understates a rate-limited loop when the sample fits in one window: say so.
  const naiveNote = NAIVE_SAMPLE < ADVISORY_SIZE
    ? ` — measured on ${NAIVE_SAMPLE}, ×${(ADVISORY_SIZE / NAIVE_SAMPLE).toFixed(1)} extrapolated linearly${NAIVE_SAMPLE <= files.perMinute ? ' (sample within one window: NOT representative)' : ''}`
    : '';
  const naiveWall = (naive.wallMs * ADVISORY_SIZE) / NAIVE_SAMPLE;
  add('1b advisory: naive GET loop', 'wall time', `${scaled(naiveWall)}${naiveNote}`, `1c per-hash floor at ${files.perMinute}/min: last call starts ≥ ${perHashFloorMin} min real, ≈ ${perHashFloorMin + 1} min with its window`);
  add('1b advisory: naive GET loop', 'MDE requests (429s included)', `files ${naive.sandbox.byFamily.files ?? 0}`, `${NAIVE_SAMPLE} lookups`);
  add('1b advisory: naive GET loop', '429s received', `${naive.throttled} (sandbox: ${naive.sandbox.throttled}); Retry-After slept ${scaled(naive.retryAfterWaitMs)}`, `whole-second Retry-After: up to ${naive.throttled} × ${formatMs(1_000 / TIME_SCALE)} real of rounding`);
  add('1b advisory: naive GET loop', 'answers', Object.entries(naive.statuses).map(([s, n]) => `${s}×${n}`).join(', '), '≈75 % 200, 25 % 404 (synthetic mix)');
  add('1c advisory: MDE floors', `per-hash at ${files.perHour.toLocaleString('en-US')}/h`, `${ADVISORY_SIZE} calls = ${Math.round((100 * ADVISORY_SIZE) / files.perHour)} % of the hourly budget`, `a 2nd advisory within the hour waits: ${2 * ADVISORY_SIZE} calls need ≥ ${lastCallStartMinutes(2 * ADVISORY_SIZE, files)} min`);
  add('1c advisory: MDE floors', `hunting at ${hunting.perMinute}/min`, `${huntFloorCalls} calls → ${((100 * huntFloorCalls) / hunting.perMinute).toFixed(1)} % of a minute's quota`, `${hunting.perHour.toLocaleString('en-US')}/h and the CPU quota not approached`);
  add('1c advisory: MDE floors', 'bulk speed-up vs naive', `×${(naiveWall / bulk.wallMs).toFixed(0)} scaled, ×${(naiveWall / TIME_SCALE / bulkRealMs).toFixed(0)} real-MDE estimate`, 'same sandbox model, same run');

  // 2. Concurrent users
  const distinct = distinctHashes(workload);
  const c = concurrent;
  const cLastMin = lastCallStartMinutes(distinct, files);
  add(`2 ${USERS} users × ${PER_USER} /hash at once`, 'requests / distinct hashes', `${c.requests} / ${distinct}`, `${Math.round(OVERLAP * 100)} % of each user's requests from a shared pool of ${SHARED_POOL}`);
  add(`2 ${USERS} users × ${PER_USER} /hash at once`, 'MDE calls by family', formatFamilies(c.sandbox.byFamily), `≥ ${distinct} files (one per distinct hash)`);
  add(`2 ${USERS} users × ${PER_USER} /hash at once`, '429s received', `${c.sandbox.throttled} (sandbox) / ${limiterThrottled(c.limiter)} (client)`, '0');
  add(`2 ${USERS} users × ${PER_USER} /hash at once`, 'cache: misses / coalesced / hits', `${c.cache.misses} / ${c.cache.coalesced} / ${c.cache.hits}`, `${c.requests - distinct} requests repeat a hash`);
  add(`2 ${USERS} users × ${PER_USER} /hash at once`, 'most queued in the limiter', String(Math.max(0, ...Object.values(c.limiter).map((s) => s.maxQueued))), '');
  add(`2 ${USERS} users × ${PER_USER} /hash at once`, 'time to card p50', scaled(c.timeToCard.p50), '');
  add(`2 ${USERS} users × ${PER_USER} /hash at once`, 'time to card p99', scaled(c.timeToCard.p99), `floor for the last: ${distinct} files calls at ${files.perMinute}/min → last starts ≥ ${cLastMin} min real`);
  add(`2 ${USERS} users × ${PER_USER} /hash at once`, 'time to card max', scaled(c.timeToCard.max), '');
  add(`2 ${USERS} users × ${PER_USER} /hash at once`, 'cards', Object.entries(c.headlines).sort(([, a], [, b]) => b - a).map(([h, n]) => `${n}× "${h}"`).join(', '), `${c.requests} verdict cards`);

  // 3. Overhead
  const o = overhead;
  add('3 bot overhead (0 ms MDE, warm cache)', 'per /hash p50 / p99 / max', `${formatMs(o.perCommand.p50)} / ${formatMs(o.perCommand.p99)} / ${formatMs(o.perCommand.max)}`, `real time, unscaled; ${o.commands.toLocaleString('en-US')} commands over ${o.distinct} hashes`);
  add('3 bot overhead (0 ms MDE, warm cache)', 'throughput (one at a time)', `${Math.round(o.commands / ((o.perCommand.mean * o.commands) / 1_000))} commands/s`, '');
  add('3 bot overhead (0 ms MDE, warm cache)', 'MDE calls during timed run', `${o.mdeCallsDuringRun} (cache hits ${o.cacheDuringRun.hits})`, '0 (all from cache)');
  add('3 bot overhead (0 ms MDE, warm cache)', 'RSS before → after', `${formatBytes(o.rssBefore)} → ${formatBytes(o.rssAfter)}`, `heap used after GC ${formatBytes(o.heapUsedBefore)} → ${formatBytes(o.heapUsedAfter)}`);
  add('3 bot overhead (0 ms MDE, warm cache)', 'cache warm-up (not timed above)', scaled(o.warmMs), `${o.distinct} files calls at ${files.perMinute}/min → last starts ≥ ${lastCallStartMinutes(o.distinct, files)} min real`);

  const benchMs = performance.now() - benchStarted;
  const table = formatTable(rows);
  const header = [
    `Verdict bench — ${new Date().toISOString()}`,
    `machine: node ${machine.node}, ${machine.platform}, ${machine.cores} cores (${machine.cpu}), ${machine.memory}`,
    `timeScale ${TIME_SCALE}: an MDE minute lasts ${formatMs(60_000 * TIME_SCALE)}; sandbox windows, client limiter and the realistic latency model all scaled alike.`,
    `"≈ … real" = scaled wall time / ${TIME_SCALE} (the time against real MDE, bot CPU time aside). Scenario 3 is real, unscaled time.`,
  ].join('\n');
  process.stdout.write(`${header}\n\n${table}\n\nwhole bench: ${formatMs(benchMs)}\n`);

  const dir = join(__dirname, 'results');
  mkdirSync(dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const json = JSON.stringify({ at: new Date().toISOString(), machine, timeScale: TIME_SCALE, benchMs, rows, raw: { advisoryKinds: kinds, bulk, bulkOwn, naive, concurrent: { ...concurrent, distinct }, overhead } }, null, 2);
  writeFileSync(join(dir, `${stamp}.json`), json);
  writeFileSync(join(dir, 'latest.json'), json);
  log(`results: bench/results/${stamp}.json and bench/results/latest.json`);
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
