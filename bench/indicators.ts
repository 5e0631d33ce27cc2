import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { MDE_API_LIMITS } from '../src/mde/api-families';
import { getFile } from '../src/mde/files';
import { submitIndicator } from '../src/mde/indicators';
import { createMdeRequest } from '../src/mde/request';
import { indicatorsCommand } from '../src/app/commands/indicators';
import { runImport } from '../src/response-actions/block-indicators/import-run';
import { planBlock } from '../src/response-actions/block-indicators/plan';
import { REALISTIC_LATENCY } from '../src/sandbox/latency-model';
import { mapBounded } from '../src/app/bounded-map';
import { startBenchVerdict, type BenchVerdict } from './compose';
import { collectingTurn } from './collecting-turn';
import { lastCallStartMinutes } from './floors';
import { atMost, formatGoals, huntingCallsOf, type Goal } from './goals';
import { seededRandom } from './stats';
import { formatMs } from './table';

/**
 * `npx tsx bench/indicators.ts`: issue 14's two scenarios, each beside its reference, measured in
 * the same run with fresh sandboxes and the realistic latency model. The scenarios run in real
 * time (4 import calls and 15 hunting queries fit in MDE's minute windows, so scaling would only
 * inflate the bot's own CPU time); the references, which take MDE hours, run with MDE's windows
 * and latencies scaled by BENCH_INDICATORS_TIME_SCALE (default 0.01: an hour lasts 36 s) and are
 * reported scaled back. BENCH_INDICATORS_NAIVE_SAMPLE (default 1,500) bounds the redundancy
 * reference, whose full 15,000 calls would take ten MDE hours: its floor is computed for 15,000.
 */
const TS = Number(process.env.BENCH_INDICATORS_TIME_SCALE ?? '0.01');
const NAIVE_SAMPLE = Number(process.env.BENCH_INDICATORS_NAIVE_SAMPLE ?? '1500');
const BLOCK = 2_000;
const REVIEW = 15_000;
const SEED = 20_261_202;
const log = (text: string) => process.stderr.write(`${text}\n`);
const real = (scaledMs: number) => scaledMs / TS;
const REAL_TIME = 1;
const sha256 = (label: string) => createHash('sha256').update(`bench-indicators/${label}`).digest('hex');
const upper = (family: string) => {
  const l = REALISTIC_LATENCY[family] ?? REALISTIC_LATENCY['*'];
  return (l?.baseMs ?? 0) + (l?.jitterMs ?? 0);
};

const requestOf = (v: BenchVerdict) => createMdeRequest({ baseUrl: v.sandbox.apiBaseUrl, tokenProvider: v.tokenProvider, limiter: v.limiter });

async function blockInBulk(targets: string[]) {
  const v = await startBenchVerdict({ timeScale: REAL_TIME, sandbox: { latencyModel: 'realistic', random: seededRandom(SEED) } });
  try {
    await v.tokenProvider.getToken();
    const plan = planBlock(targets.map((value) => ({ type: 'FileSha256' as const, value })), { fileAction: 'Block', networkAction: 'Block', severity: 'High', expiresInDays: 30, title: 'Advisory', description: 'bench', rbacGroupNames: [] }, { used: 1 }, Date.now());
    if (!plan.ok || !v.deps.indicators) throw new Error('plan refused');
    const started = performance.now();
    const run = await runImport(v.deps.indicators, plan.items);
    const wallMs = performance.now() - started;
    return { wallMs, created: run.outcomes.filter((o) => o.status === 'created').length, stats: v.sandbox.stats() };
  } finally {
    await v.stop();
  }
}

async function blockOneByOne(targets: string[]) {
  const v = await startBenchVerdict({ timeScale: TS, sandbox: { latencyModel: 'realistic', random: seededRandom(SEED + 1) } });
  try {
    await v.tokenProvider.getToken();
    const request = requestOf(v);
    const expirationTime = new Date(Date.now() + 30 * 86_400_000).toISOString();
    const started = performance.now();
    await mapBounded(targets, 8, (value) => submitIndicator(request, { indicatorValue: value, indicatorType: 'FileSha256', action: 'Block', title: 'Advisory', description: 'bench', expirationTime, severity: 'High', generateAlert: true }));
    return { wallMs: performance.now() - started, stats: v.sandbox.stats() };
  } finally {
    await v.stop();
  }
}

async function redundancyReview() {
  // 14,999 feed blocks on random SHA-256s (about 5 % on files the synthetic rule calls malware) + the demo block.
  const v = await startBenchVerdict({ timeScale: REAL_TIME, sandbox: { latencyModel: 'realistic', random: seededRandom(SEED + 2), containment: { seedIndicators: REVIEW - 1 } } });
  try {
    await v.tokenProvider.getToken();
    const turn = collectingTurn('/indicators', v.sandbox.credentials.tenantId, () => performance.now());
    const started = performance.now();
    await indicatorsCommand.run(turn, '', v.deps, { roles: new Set(['responder']) } as never);
    const wallMs = performance.now() - started;
    const last = JSON.stringify(turn.cards.at(-1) ?? {});
    return { wallMs, stats: v.sandbox.stats(), redundant: /"Redundant[^"]*","value":"([\d,]+)"/.exec(last)?.[1] ?? '?' };
  } finally {
    await v.stop();
  }
}

async function reviewOneByOne(hashes: string[]) {
  const v = await startBenchVerdict({ timeScale: TS, sandbox: { latencyModel: 'realistic', random: seededRandom(SEED + 3) } });
  try {
    await v.tokenProvider.getToken();
    const request = requestOf(v);
    const started = performance.now();
    await mapBounded(hashes, 8, (h) => getFile(request, h));
    return { wallMs: performance.now() - started, stats: v.sandbox.stats() };
  } finally {
    await v.stop();
  }
}

/** Both scenarios and their references: the goals rows and the reference lines (run.ts prints them with the others). */
export async function runIndicatorsBench(): Promise<{ goals: Goal[]; references: string[] }> {
  log(`Verdict indicators bench: scenarios in real time; references at timeScale ${TS}, reported as real-time equivalents (scaled ÷ ${TS})`);
  const targets = Array.from({ length: BLOCK }, (_, i) => sha256(`block-${i}`));
  log(`A: block ${BLOCK} uncovered IoCs (plan + import ≤500 a call)…`);
  const bulk = await blockInBulk(targets);
  log(`A ref: one POST /api/indicators per IoC (${BLOCK} calls, 100/min, 1,500/h)…`);
  const single = await blockOneByOne(targets);
  log(`B: /indicators redundancy review over ${REVIEW} file indicators…`);
  const review = await redundancyReview();
  const sample = Array.from({ length: Math.min(REVIEW, NAIVE_SAMPLE) }, (_, i) => createHash('sha256').update(`verdict-sandbox/seeded-indicator/${i}`).digest('hex'));
  log(`B ref: GET /api/files per indicator, a sample of ${sample.length}…`);
  const naive = await reviewOneByOne(sample);

  const importLimit = MDE_API_LIMITS['indicators-import'];
  const importCalls = Math.ceil(BLOCK / 500);
  // The 30/min floor: when the last import may start, plus each sequential call's latency at its slowest (one read-back, then the imports).
  const floorMs = lastCallStartMinutes(importCalls, importLimit) * 60_000 + upper('indicators') + importCalls * upper('indicators-import');
  const wall = atMost(bulk.wallMs, 1.05 * floorMs, formatMs);
  const refFloorMs = lastCallStartMinutes(BLOCK, MDE_API_LIMITS.indicators) * 60_000;
  const fileFloorMs = lastCallStartMinutes(REVIEW, MDE_API_LIMITS.files) * 60_000;
  const hunting = huntingCallsOf(review.stats.byFamily);
  const goals: Goal[] = [
    { scenario: 'A: block 2,000', goal: '4 import calls', measured: `${bulk.stats.byFamily['indicators-import'] ?? 0} import calls, ${bulk.created} created`, pass: bulk.stats.byFamily['indicators-import'] === importCalls && bulk.created === BLOCK },
    { scenario: 'A: block 2,000', goal: 'wall ≤ 1.05 × the 30/min floor', measured: wall.text, pass: wall.pass },
    { scenario: 'A: block 2,000', goal: '0 × 429', measured: `${bulk.stats.throttled} × 429`, pass: bulk.stats.throttled === 0 },
    { scenario: 'B: review 15,000', goal: '≤ 15 hunting calls + the list reads', measured: `${hunting} hunting + ${review.stats.byFamily.indicators ?? 0} list reads, ${review.stats.byFamily.files ?? 0} file calls; ${review.redundant} redundant; ${formatMs(review.wallMs)}`, pass: hunting <= 15 && (review.stats.byFamily.files ?? 0) === 0 },
  ];
  const references = [
    `A ref: ${single.stats.byFamily.indicators ?? 0} POST /api/indicators in ${formatMs(real(single.wallMs))} (floor ${formatMs(refFloorMs)}), ${single.stats.throttled} × 429; bulk took ${formatMs(bulk.wallMs)}`,
    `B ref: ${sample.length} GET /api/files in ${formatMs(real(naive.wallMs))}, ${naive.stats.throttled} × 429; for ${REVIEW}: floor ${formatMs(fileFloorMs)} (1,500/h); the review took ${formatMs(review.wallMs)}`,
  ];
  return { goals: goals.map((g) => ({ ...g, scenario: `issue 14 ${g.scenario}` })), references };
}

if (require.main === module) {
  runIndicatorsBench()
    .then(({ goals, references }) => {
      process.stdout.write(`${formatGoals(goals)}\n\nreferences (same run):\n${references.join('\n')}\n`);
      if (!goals.every((g) => g.pass)) process.exitCode = 1;
    })
    .catch((err: unknown) => {
      process.stderr.write(`${String(err)}\n`);
      process.exitCode = 1;
    });
}
