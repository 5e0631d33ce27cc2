import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { MDE_API_LIMITS } from '../src/mde/api-families';
import { runBulkAdvisory, runNaiveLoop } from './advisory';
import { runConcurrentUsers } from './concurrent';
import { runLowLoad } from './low-load';
import { runBotAlone } from './bot-alone';
import { runOverhead } from './overhead';
import { distinctHashes, overlappingWorkload, syntheticHashes } from './hashes';
import { lastCallStartMinutes } from './floors';
import { seededRandom } from './stats';
import { detailRows, realEstimateMs } from './detail-rows';
import { runDeviceScenario, runGuiReference, deviceFloorMs, DEVICE_COUNT } from './devices';
import { runIndicatorsBench } from './indicators';
import { atMost, formatGoals, huntingCallsOf, huntingRoundTripMs, mdeCallsOf, type Goal } from './goals';
import { formatBytes, formatMs, formatScaled, formatTable } from './table';

/**
 * `npm run bench`: the goals of issues 12, 13 and 14 side by side with their references, each scenario with its
 * own sandbox (fresh rate windows and counters). Environment: BENCH_TIME_SCALE (default 0.1),
 * BENCH_NAIVE_SAMPLE (default all 1,000), BENCH_COMMANDS (scenario 6, default 10,000),
 * BENCH_BOT_COMMANDS (scenario 5, default 10,000), BENCH_SKIP_BUILD=1 (scenario 5 uses dist/ as is),
 * BENCH_BOT_NODE_FLAGS (node options for a second run of scenario 5).
 */
const TIME_SCALE = Number(process.env.BENCH_TIME_SCALE ?? '0.1');
const ADVISORY_SIZE = 1_000;
const NAIVE_SAMPLE = Math.min(ADVISORY_SIZE, Number(process.env.BENCH_NAIVE_SAMPLE ?? String(ADVISORY_SIZE)));
const USERS = 50;
const PER_USER = 20;
const OVERLAP = 0.3;
const SHARED_POOL = 60;
const LOW_LOAD_LOOKUPS = 30;
const BOT_DISTINCT = 1_000;
const BOT_COMMANDS = Number(process.env.BENCH_BOT_COMMANDS ?? '10000');
const BOT_CONCURRENCY = 25;
const RSS_GOAL = 150 * 1_048_576;
/** Extra node options for a second run of scenario 5 (e.g. heap caps a container might set); none by default. */
const CAPPED_FLAGS = (process.env.BENCH_BOT_NODE_FLAGS ?? '').split(/\s+/).filter(Boolean);
const CAPPED = CAPPED_FLAGS.join(' ');
const OVERHEAD_DISTINCT = 300;
const OVERHEAD_COMMANDS = Number(process.env.BENCH_COMMANDS ?? '10000');
const SEED = 20_261_122;
/** Issue 13's scenarios: their own scale (a quarter: the bot's unscaled CPU weighs 4×, not 10×), the GUI references a fiftieth. */
const DEVICE_TIME_SCALE = Number(process.env.BENCH_DEVICES_TIME_SCALE ?? '0.25');
const GUI_TIME_SCALE = Number(process.env.BENCH_GUI_TIME_SCALE ?? '0.02');

const log = (text: string) => process.stderr.write(`${text}\n`);
const throttledOf = (r: { sandbox: { throttled: number }; limiter?: Record<string, { throttled: number }> }) =>
  r.sandbox.throttled + Object.values(r.limiter ?? {}).reduce((n, s) => n + s.throttled, 0);

async function main(): Promise<void> {
  if (!(TIME_SCALE > 0 && TIME_SCALE <= 1)) throw new Error('BENCH_TIME_SCALE must be in (0, 1]');
  const benchStarted = performance.now();
  const machine = { node: process.version, platform: `${process.platform}/${process.arch}`, cores: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', memory: formatBytes(totalmem()) };
  log(`Verdict bench: timeScale ${TIME_SCALE} (an MDE "minute" lasts ${formatMs(60_000 * TIME_SCALE)}); node ${machine.node}, ${machine.cores} cores`);
  const rtt = huntingRoundTripMs();
  const advisory = syntheticHashes(`advisory-${SEED}`, ADVISORY_SIZE);
  const kinds = [advisory.filter((h) => h.length === 64).length, advisory.filter((h) => h.length === 40).length];
  const workload = overlappingWorkload(`users-${SEED}`, USERS, PER_USER, OVERLAP, SHARED_POOL);
  const distinct = distinctHashes(workload);
  const lowLoad = syntheticHashes(`low-load-${SEED}`, LOW_LOAD_LOOKUPS);

  log('1a: 1,000-hash advisory through /hash (hunting + fallbacks), then at 0 ms MDE latency…');
  const bulk = await runBulkAdvisory(TIME_SCALE, advisory, seededRandom(SEED));
  const bulkOwn = await runBulkAdvisory(TIME_SCALE, advisory, seededRandom(SEED), { zeroLatency: true });
  log(`1b: naive sequential GET /api/files/{hash} loop over ${NAIVE_SAMPLE} hashes…`);
  const naive = await runNaiveLoop(TIME_SCALE, advisory.slice(0, NAIVE_SAMPLE), seededRandom(SEED + 1));
  log(`2a: ${USERS} users × ${PER_USER} /hash at once, batching (real time)…`);
  const burst = await runConcurrentUsers(1, workload, seededRandom(SEED + 2));
  log(`2b: the same, Files API only (timeScale ${TIME_SCALE})…`);
  const burstRef = await runConcurrentUsers(TIME_SCALE, workload, seededRandom(SEED + 2), { batching: false });
  log(`3: ${LOW_LOAD_LOOKUPS} /hash one at a time, with and without batching (real time)…`);
  const low = await runLowLoad(1, lowLoad, seededRandom(SEED + 3), { batching: true });
  const lowRef = await runLowLoad(1, lowLoad, seededRandom(SEED + 3), { batching: false });
  log('4: 1,000-hash advisory with hunting refused…');
  const refused = await runBulkAdvisory(TIME_SCALE, advisory, seededRandom(SEED + 4), { huntingRefused: true });
  log(`5: the bot process alone, ${BOT_COMMANDS} /hash over HTTP${process.env.BENCH_SKIP_BUILD === '1' ? '' : ' (building dist/ first)'}…`);
  const aloneHashes = syntheticHashes(`bot-alone-${SEED}`, BOT_DISTINCT, 0);
  const alone = await runBotAlone(aloneHashes, BOT_COMMANDS, BOT_CONCURRENCY, { build: process.env.BENCH_SKIP_BUILD !== '1' });
  let aloneCapped: Awaited<ReturnType<typeof runBotAlone>> | string | undefined;
  if (CAPPED_FLAGS.length > 0) {
    log(`5': the same with node ${CAPPED}…`);
    aloneCapped = await runBotAlone(aloneHashes, BOT_COMMANDS, BOT_CONCURRENCY, { build: false, nodeFlags: CAPPED_FLAGS }).catch((err: unknown) => String(err));
  }
  log(`6: ${OVERHEAD_COMMANDS} /hash in the bench process at zero MDE latency, warm cache…`);
  const overhead = await runOverhead(TIME_SCALE, syntheticHashes(`overhead-${SEED}`, OVERHEAD_DISTINCT), OVERHEAD_COMMANDS);

  log(`7: issue 13, ${DEVICE_COUNT} devices: tag, AV scan, isolate with approval (timeScale ${DEVICE_TIME_SCALE}); the GUI's way (timeScale ${GUI_TIME_SCALE})…`);
  const tag = await runDeviceScenario(DEVICE_TIME_SCALE, 'device-tag', SEED + 7);
  const tagRef = await runGuiReference(GUI_TIME_SCALE, 'tag', SEED + 8);
  const scan = await runDeviceScenario(DEVICE_TIME_SCALE, 'device-av-scan', SEED + 9);
  const scanRef = await runGuiReference(GUI_TIME_SCALE, 'scan', SEED + 10);
  const isolate = await runDeviceScenario(DEVICE_TIME_SCALE, 'device-set-isolate', SEED + 11);
  log('8: issue 14: bulk block of 2,000 IoCs and the redundancy review of 15,000 (bench/indicators.ts)…');
  const indicators = await runIndicatorsBench();

  const scaledReal = (ms: number) => formatMs(ms / TIME_SCALE);
  const goals: Goal[] = [];
  const bulkRealMs = realEstimateMs(bulk.wallMs, bulkOwn.wallMs, TIME_SCALE);
  const g1 = [atMost(huntingCallsOf(bulk.sandbox.byFamily), 2, String), atMost(bulkRealMs, 1.2 * rtt, formatMs), atMost(throttledOf(bulk), 0, String)];
  goals.push({ scenario: '1 1,000-hash advisory over hunting', goal: `≤ 2 hunting calls; real-MDE estimate ≤ 1.2 × ${formatMs(rtt)}; 0 × 429`, measured: `hunting ${g1[0]!.text}; ${g1[1]!.text}; 429s ${throttledOf(bulk)}`, pass: g1.every((g) => g.pass) });

  const g2 = atMost(burst.timeToCard.p99, 2 * rtt, formatMs);
  const burstCalls = mdeCallsOf(burst.sandbox.byFamily);
  goals.push({
    scenario: `2 ${USERS} users × ${PER_USER} /hash at once, 30 % overlap`,
    goal: `p99 ≤ 2 × ${formatMs(rtt)}; 0 × 429; MDE calls ≤ ${distinct} distinct`,
    measured: `p99 ${g2.text} (real time; Files API only: p99 ${scaledReal(burstRef.timeToCard.p99)} real); 429s ${throttledOf(burst)}; MDE calls ${burstCalls} (files ${burst.sandbox.byFamily.files ?? 0}, hunting ${huntingCallsOf(burst.sandbox.byFamily)})`,
    pass: g2.pass && throttledOf(burst) === 0 && burstCalls <= distinct,
  });

  const ratio = low.timeToCard.p50 / lowRef.timeToCard.p50;
  goals.push({
    scenario: '3 one /hash at a time, low load',
    goal: 'p50 ≤ 1.10 × the Files API path\'s p50, same run; no hunting',
    measured: `p50 ${formatMs(low.timeToCard.p50)} vs ${formatMs(lowRef.timeToCard.p50)} (×${ratio.toFixed(3)}); hunting calls ${huntingCallsOf(low.sandbox.byFamily)}`,
    pass: ratio <= 1.1 && huntingCallsOf(low.sandbox.byFamily) === 0,
  });

  const floorMs = lastCallStartMinutes(ADVISORY_SIZE, MDE_API_LIMITS.files) * 60_000;
  const g4 = atMost(refused.wallMs / TIME_SCALE, 1.05 * floorMs, formatMs);
  goals.push({
    scenario: '4 1,000-hash advisory, hunting refused',
    goal: `wall ≤ 1.05 × ${formatMs(floorMs)} (the last of 1,000 calls at 100/min starts ≥ 9 min after the first); 0 × 429`,
    measured: `${g4.text} real (${formatMs(refused.wallMs)} scaled); 429s ${throttledOf(refused)}; files ${refused.sandbox.byFamily.files ?? 0}, hunting ${huntingCallsOf(refused.sandbox.byFamily)} (refused)`,
    pass: g4.pass && throttledOf(refused) === 0,
  });

  const g5 = atMost(alone.rssEnd, RSS_GOAL, formatBytes);
  const overTime = (samples: typeof alone.samples) =>
    samples
      .filter((_, i, all) => i === 0 || i === all.length - 1 || i % Math.max(1, Math.floor(all.length / 6)) === 0)
      .map((s) => `${formatMs(s.atMs)} ${formatBytes(s.rss)}/${s.heapUsed === undefined ? '?' : formatBytes(s.heapUsed)}`)
      .join(', ');
  goals.push({
    scenario: `5 bot process alone, ${BOT_COMMANDS.toLocaleString('en-US')} /hash`,
    goal: `RSS at the end ≤ ${formatBytes(RSS_GOAL)}`,
    measured: `${g5.text}; RSS / heap used over time: ${overTime(alone.samples)}`,
    pass: g5.pass,
  });

  const devFloor = deviceFloorMs(DEVICE_COUNT);
  const devReal = (ms: number) => ms / DEVICE_TIME_SCALE;
  const guiReal = (r: typeof tagRef) => `${formatMs(r.wallMs / GUI_TIME_SCALE)} real, ${r.calls} calls, ${r.throttled} × 429, ${r.failed} failed`;
  goals.push({
    scenario: `7a tag ${DEVICE_COUNT} devices`,
    goal: '1 MDE call',
    measured: `${tag.calls.machines ?? 0} machines call (${JSON.stringify(tag.calls)}), ${tag.accepted}/${tag.devices} tagged, ${formatMs(devReal(tag.sendMs))} real; 429s ${tag.throttled}. GUI's way: ${guiReal(tagRef)}`,
    pass: (tag.calls.machines ?? 0) === 1 && tag.accepted === DEVICE_COUNT && tag.throttled === 0,
  });
  const floorText = `the 100/min floor ${formatMs(devFloor)}: the ${DEVICE_COUNT}th call may start ${lastCallStartMinutes(DEVICE_COUNT, MDE_API_LIMITS.machines)} min after the first (100/min and 1,500/h sliding windows) + one round trip (${formatMs(devFloor - lastCallStartMinutes(DEVICE_COUNT, MDE_API_LIMITS.machines) * 60_000)}, the model's slowest)`;
  const g7b = atMost(devReal(scan.sendMs), 1.05 * devFloor, formatMs);
  goals.push({
    scenario: `7b AV scan ${DEVICE_COUNT} devices`,
    goal: `wall (request → last call answered) ≤ 1.05 × ${floorText}; 0 × 429`,
    measured: `${g7b.text} real (${formatMs(scan.sendMs)} scaled, ×${(devReal(scan.sendMs) / devFloor).toFixed(3)}); 429s ${scan.throttled}; ${scan.accepted}/${scan.devices} accepted, calls ${JSON.stringify(scan.calls)}. GUI's way: ${guiReal(scanRef)}`,
    pass: g7b.pass && scan.throttled === 0 && scan.accepted === DEVICE_COUNT,
  });
  const g7c = atMost(devReal(isolate.sendMs), 1.05 * devFloor, formatMs);
  goals.push({
    scenario: `7c isolate ${DEVICE_COUNT} devices, approval included`,
    goal: 'as 7b (approval → last call answered); every action followed to final',
    measured: `${g7c.text} real (×${(devReal(isolate.sendMs) / devFloor).toFixed(3)}), approved by ${isolate.approvedBy ?? '?'}; 429s ${isolate.throttled}; ${isolate.final}/${isolate.devices} final (${JSON.stringify(isolate.statuses)}) after ${formatMs(isolate.endMs)} scaled; calls ${JSON.stringify(isolate.calls)}`,
    pass: g7c.pass && isolate.throttled === 0 && isolate.final === DEVICE_COUNT,
  });
  goals.push(...indicators.goals);

  const rows = detailRows({ timeScale: TIME_SCALE, advisorySize: ADVISORY_SIZE, naiveSample: NAIVE_SAMPLE, kinds, overlap: OVERLAP, sharedPool: SHARED_POOL, users: USERS, perUser: PER_USER, workload, bulk, bulkOwn, naive, concurrent: burstRef, overhead });
  const add = (scenario: string, metric: string, value: string, reference = '') => rows.push({ scenario, metric, value, reference });
  const b = burst.batcher;
  add('2a burst with batching (real time)', 'time to card p50 / p99 / max', `${formatMs(burst.timeToCard.p50)} / ${formatMs(burst.timeToCard.p99)} / ${formatMs(burst.timeToCard.max)}`, `2b: ${scaledReal(burstRef.timeToCard.p50)} / ${scaledReal(burstRef.timeToCard.p99)} / ${scaledReal(burstRef.timeToCard.max)} real`);
  add('2a burst with batching (real time)', 'batcher: direct / batched / batches / fallbacks', b ? `${b.direct} / ${b.batched} / ${b.batches} / ${b.fallbacks}` : 'n/a', `hunting round trip estimate ${b ? formatMs(b.roundTripMs) : 'n/a'} (${b?.roundTripSamples ?? 0} observed)`);
  add('2a burst with batching (real time)', 'cards', Object.entries(burst.headlines).sort(([, x], [, y]) => y - x).map(([h, n]) => `${n}× "${h}"`).join(', '), `${burst.requests} verdict cards`);
  add('3 low load', 'p50 / p99 with batching', `${formatMs(low.timeToCard.p50)} / ${formatMs(low.timeToCard.p99)}`, `Files API only: ${formatMs(lowRef.timeToCard.p50)} / ${formatMs(lowRef.timeToCard.p99)}`);
  add('4 hunting refused', 'wall time', formatScaled(refused.wallMs, TIME_SCALE), `messages ${refused.cards}, final "${refused.finalHeadline}"`);
  add('5 bot process alone', 'replies / wall / bot CPU / per /hash p50 p99 (cache hits)', `${alone.replies} / ${formatMs(alone.wallMs)} / ${formatMs(alone.cpuMs)} / ${formatMs(alone.perCommand.p50)} ${formatMs(alone.perCommand.p99)}`, `${alone.distinct} distinct sent at once first (MDE calls: ${Object.entries(alone.sandbox.byFamily).map(([f, n]) => `${f} ${n}`).join(', ')}), then ${BOT_CONCURRENCY} at a time`);
  if (typeof aloneCapped === 'string') add(`5' bot alone with ${CAPPED}`, 'outcome', aloneCapped.split('\n')[0] ?? aloneCapped, 'not the shipped default');
  else if (aloneCapped) add(`5' bot alone with ${CAPPED}`, 'RSS at the end; RSS / heap used over time', `${formatBytes(aloneCapped.rssEnd)}; ${overTime(aloneCapped.samples)}`, `not the shipped default; replies ${aloneCapped.replies}, per /hash p50 ${formatMs(aloneCapped.perCommand.p50)} p99 ${formatMs(aloneCapped.perCommand.p99)}`);

  const benchMs = performance.now() - benchStarted;
  const header = [
    `Verdict bench — ${new Date().toISOString()}`,
    `machine: node ${machine.node}, ${machine.platform}, ${machine.cores} cores (${machine.cpu}), ${machine.memory}`,
    `timeScale ${TIME_SCALE}: an MDE minute lasts ${formatMs(60_000 * TIME_SCALE)} (scenarios 1, 2b, 4, 6); 2a, 3 and 5 run in real time. One hunting round trip = ${formatMs(rtt)} (the latency model's slowest).`,
  ].join('\n');
  process.stdout.write(`${header}\n\n${formatGoals(goals)}\n\nissue 14 references (same run):\n${indicators.references.join('\n')}\n\n${formatTable(rows)}\n\nwhole bench: ${formatMs(benchMs)}\n`);

  const dir = join(__dirname, 'results');
  mkdirSync(dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const raw = { advisoryKinds: kinds, bulk, bulkOwn, naive, burst, burstRef: { ...burstRef, distinct }, low, lowRef, refused, alone, aloneCapped, overhead, devices: { tag, tagRef, scan, scanRef, isolate, deviceTimeScale: DEVICE_TIME_SCALE, guiTimeScale: GUI_TIME_SCALE }, indicators };
  const json = JSON.stringify({ at: new Date().toISOString(), machine, timeScale: TIME_SCALE, benchMs, goals, rows, raw }, null, 2);
  writeFileSync(join(dir, `${stamp}.json`), json);
  writeFileSync(join(dir, 'latest.json'), json);
  log(`results: bench/results/${stamp}.json and bench/results/latest.json`);
  if (goals.some((g) => !g.pass)) process.exitCode = 1;
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
