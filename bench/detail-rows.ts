import { MDE_API_LIMITS } from '../src/mde/api-families';
import type { BulkResult, NaiveResult } from './advisory';
import type { ConcurrentResult } from './concurrent';
import type { OverheadResult } from './overhead';
import { distinctHashes, type UserWorkload } from './hashes';
import { huntingCalls, lastCallStartMinutes } from './floors';
import { formatBytes, formatFamilies, formatMs, formatScaled, type Row } from './table';

export interface DetailInputs {
  timeScale: number;
  advisorySize: number;
  naiveSample: number;
  kinds: number[];
  overlap: number;
  sharedPool: number;
  users: number;
  perUser: number;
  workload: readonly UserWorkload[];
  bulk: BulkResult;
  bulkOwn: BulkResult;
  naive: NaiveResult;
  /** The Files-API-only burst (2b). */
  concurrent: ConcurrentResult;
  overhead: OverheadResult;
}

const files = MDE_API_LIMITS.files;
const hunting = MDE_API_LIMITS.hunting;

/** The detail rows of scenarios 1, 2b and 6 (scenario · metric · value · reference), as before the goals table. */
export function detailRows(d: DetailInputs): Row[] {
  const { timeScale: TIME_SCALE, advisorySize: ADVISORY_SIZE, naiveSample: NAIVE_SAMPLE, kinds, bulk, bulkOwn, naive, concurrent, overhead } = d;
  const { users: USERS, perUser: PER_USER, overlap: OVERLAP, sharedPool: SHARED_POOL, workload } = d;
  const rows: Row[] = [];
  const add = (scenario: string, metric: string, value: string, reference = '') => rows.push({ scenario, metric, value, reference });
  const scaled = (ms: number) => formatScaled(ms, TIME_SCALE);
  const limiterThrottled = (stats: Record<string, { throttled: number }>) => Object.values(stats).reduce((n, s) => n + s.throttled, 0);

  // 1. Advisory
  const perHashFloorMin = lastCallStartMinutes(ADVISORY_SIZE, files);
  const huntFloorCalls = huntingCalls(kinds);
  const bulkCalls = bulk.sandbox.byFamily;
  add('1a advisory: Verdict /hash (bulk)', 'wall time', scaled(bulk.wallMs), `1c hunting floor: ${huntFloorCalls} calls, latency-bound (realistic model 2–5 s real per query)`);
  const bulkRealMs = realEstimateMs(bulk.wallMs, bulkOwn.wallMs, TIME_SCALE);
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
  add(`2b ${USERS} users × ${PER_USER} /hash at once, Files API only (before batching)`, 'requests / distinct hashes', `${c.requests} / ${distinct}`, `${Math.round(OVERLAP * 100)} % of each user's requests from a shared pool of ${SHARED_POOL}`);
  add(`2b ${USERS} users × ${PER_USER} /hash at once, Files API only (before batching)`, 'MDE calls by family', formatFamilies(c.sandbox.byFamily), `≥ ${distinct} files (one per distinct hash)`);
  add(`2b ${USERS} users × ${PER_USER} /hash at once, Files API only (before batching)`, '429s received', `${c.sandbox.throttled} (sandbox) / ${limiterThrottled(c.limiter)} (client)`, '0');
  add(`2b ${USERS} users × ${PER_USER} /hash at once, Files API only (before batching)`, 'cache: misses / coalesced / hits', `${c.cache.misses} / ${c.cache.coalesced} / ${c.cache.hits}`, `${c.requests - distinct} requests repeat a hash`);
  add(`2b ${USERS} users × ${PER_USER} /hash at once, Files API only (before batching)`, 'most queued in the limiter', String(Math.max(0, ...Object.values(c.limiter).map((s) => s.maxQueued))), '');
  add(`2b ${USERS} users × ${PER_USER} /hash at once, Files API only (before batching)`, 'time to card p50', scaled(c.timeToCard.p50), '');
  add(`2b ${USERS} users × ${PER_USER} /hash at once, Files API only (before batching)`, 'time to card p99', scaled(c.timeToCard.p99), `Files API only, the last of ${distinct} calls at ${files.perMinute}/min starts ≥ ${cLastMin} min real`);
  add(`2b ${USERS} users × ${PER_USER} /hash at once, Files API only (before batching)`, 'time to card max', scaled(c.timeToCard.max), '');
  add(`2b ${USERS} users × ${PER_USER} /hash at once, Files API only (before batching)`, 'cards', Object.entries(c.headlines).sort(([, a], [, b]) => b - a).map(([h, n]) => `${n}× "${h}"`).join(', '), `${c.requests} verdict cards`);

  // 6. Overhead (in the bench process)
  const o = overhead;
  add('6 in-process bot overhead (0 ms MDE, warm cache)', 'per /hash p50 / p99 / max', `${formatMs(o.perCommand.p50)} / ${formatMs(o.perCommand.p99)} / ${formatMs(o.perCommand.max)}`, `real time, unscaled; ${o.commands.toLocaleString('en-US')} commands over ${o.distinct} hashes`);
  add('6 in-process bot overhead (0 ms MDE, warm cache)', 'throughput (one at a time)', `${Math.round(o.commands / ((o.perCommand.mean * o.commands) / 1_000))} commands/s`, '');
  add('6 in-process bot overhead (0 ms MDE, warm cache)', 'MDE calls during timed run', `${o.mdeCallsDuringRun} (cache hits ${o.cacheDuringRun.hits})`, '0 (all from cache)');
  add('6 in-process bot overhead (0 ms MDE, warm cache)', 'RSS before → after', `${formatBytes(o.rssBefore)} → ${formatBytes(o.rssAfter)}`, `heap used after GC ${formatBytes(o.heapUsedBefore)} → ${formatBytes(o.heapUsedAfter)}`);
  add('6 in-process bot overhead (0 ms MDE, warm cache)', 'cache warm-up (not timed above)', scaled(o.warmMs), `${o.distinct} files calls at ${files.perMinute}/min → last starts ≥ ${lastCallStartMinutes(o.distinct, files)} min real`);

  return rows;
}

/** Only MDE's part of a wall time is scaled; the bot's own CPU time (measured at 0 ms MDE latency) is real already. */
export function realEstimateMs(wallMs: number, botMs: number, timeScale: number): number {
  return Math.max(0, wallMs - botMs) / timeScale + botMs;
}
