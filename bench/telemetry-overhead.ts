/**
 * `npx tsx bench/telemetry-overhead.ts`: what telemetry costs a `/hash` turn, through the real
 * HTTP server, bot and sandbox (no latency), with telemetry off (the no-op port) and on (the real
 * OpenTelemetry SDK, batching spans to an exporter that drops them, metrics every 60 s), cache warm
 * (a turn is two spans) and off (four to six spans: the MDE calls too). Rounds alternate off/on so
 * the machine's drift hits both; prints the median and p90 per turn of each.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pino from 'pino';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';
import type { PushMetricExporter } from '@opentelemetry/sdk-metrics';
import { startVerdict } from '../src/main';
import { DEMO_FILES } from '../src/sandbox/demo-tenant';
import { createOtelTelemetry } from '../src/telemetry/otel-telemetry';
import { noTelemetry } from '../src/telemetry/telemetry';
import { startConnectorRecorder } from '../test/support/connector-recorder';
import { personalActivity } from '../test/support/personal-activity';

const TURNS = Number(process.env.TURNS ?? 400);
const ROUNDS = Number(process.env.ROUNDS ?? 4);
const HASHES = [DEMO_FILES.malware.sha256, DEMO_FILES.pua.sha256, DEMO_FILES.clean.sha256, DEMO_FILES.unknown.sha256];

const dropSpans: SpanExporter = { export: (_s: ReadableSpan[], done) => done({ code: 0 }), shutdown: async () => undefined };
const dropMetrics: PushMetricExporter = { export: (_m, done) => done({ code: 0 }), forceFlush: async () => undefined, shutdown: async () => undefined };

async function timeTurns(on: boolean, cacheSeconds: string): Promise<number[]> {
  const stateDir = mkdtempSync(join(tmpdir(), 'verdict-otel-bench-'));
  const connector = await startConnectorRecorder();
  const telemetry = on ? createOtelTelemetry({ spanExporters: [dropSpans], metricExporters: [dropMetrics] }) : noTelemetry;
  // MDE's windows shrunk a thousandfold (sandbox and limiter alike): with the cache off every turn
  // calls MDE, and the real 100 calls a minute would make this a measure of waiting.
  const mde = { limiterTimeScale: 0.001, sandbox: { timeScale: 0.001 } };
  const app = await startVerdict({ PORT: '0', HOST: '127.0.0.1', MDE_MODE: 'sandbox', STATE_DIR: stateDir, MDE_CACHE_TTL_SECONDS: cacheSeconds, LOG_LEVEL: 'silent' }, { logger: pino({ level: 'silent' }), telemetry, mde });
  const send = async (i: number) => {
    const body = JSON.stringify(personalActivity(connector.url, { type: 'message', id: `m-${i}`, text: `/hash ${HASHES[i % HASHES.length]}` }));
    const res = await fetch(`${app.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    await res.arrayBuffer();
  };
  try {
    for (let i = 0; i < 40; i++) await send(i); // warm-up: JIT, role cache, MDE cache
    const samples: number[] = [];
    for (let i = 0; i < TURNS; i++) {
      const t = performance.now();
      await send(i);
      samples.push(performance.now() - t);
    }
    return samples;
  } finally {
    await app.stop();
    await connector.stop();
    rmSync(stateDir, { recursive: true, force: true });
  }
}

const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.floor(q * (xs.length - 1))] ?? NaN;

async function main(): Promise<void> {
  const cases = [['cache warm', '600'], ['cache off', '0']] as const;
  for (const [label, cache] of cases.filter(([l]) => !process.env.CASE || l === process.env.CASE)) {
    const all = { off: [] as number[], on: [] as number[] };
    for (let r = 0; r < ROUNDS; r++) {
      all.off.push(...(await timeTurns(false, cache)));
      all.on.push(...(await timeTurns(true, cache)));
    }
    const line = (k: 'off' | 'on') => `${k}: median ${quantile(all[k], 0.5).toFixed(3)} ms, p90 ${quantile(all[k], 0.9).toFixed(3)} ms (${all[k].length} turns)`;
    const delta = quantile(all.on, 0.5) - quantile(all.off, 0.5);
    process.stdout.write(`${label}\n  ${line('off')}\n  ${line('on')}\n  median difference ${delta.toFixed(3)} ms (${((100 * delta) / quantile(all.off, 0.5)).toFixed(1)} %)\n`);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${String(err)}\n`);
  process.exit(1);
});
