import { runBotAlone } from './bot-alone';
import { syntheticHashes } from './hashes';
import { formatBytes, formatMs } from './table';

/**
 * Scenario 5 of `npm run bench` on its own (same hashes, commands and concurrency as bench/run.ts),
 * for memory work: `npx tsx bench/bot-alone-run.ts`. Prints every sample. BENCH_BOT_NODE_FLAGS adds
 * node options for the bot (diagnosis only, e.g. `--heap-prof` or `--trace-gc`); BENCH_SKIP_BUILD=1
 * runs dist/ as it is.
 */
const SEED = 20_261_122;
const commands = Number(process.env.BENCH_BOT_COMMANDS ?? '10000');
const nodeFlags = (process.env.BENCH_BOT_NODE_FLAGS ?? '').split(/\s+/).filter(Boolean);

async function main(): Promise<void> {
  const hashes = syntheticHashes(`bot-alone-${SEED}`, 1_000, 0);
  const r = await runBotAlone(hashes, commands, 25, { build: process.env.BENCH_SKIP_BUILD !== '1', nodeFlags });
  for (const s of r.samples) {
    const m = s.memory;
    const parts = m ? ` heapUsed ${formatBytes(m.heapUsed)} heapTotal ${formatBytes(m.heapTotal)} external ${formatBytes(m.external)} arrayBuffers ${formatBytes(m.arrayBuffers)}` : '';
    process.stdout.write(`${formatMs(s.atMs).padStart(8)}  rss ${formatBytes(s.rss)}${parts}\n`);
  }
  process.stdout.write(`bot CPU time from ready to the end: ${formatMs(r.cpuMs)}\n`);
  process.stdout.write(`replies ${r.replies}, wall ${formatMs(r.wallMs)}, per /hash p50 ${formatMs(r.perCommand.p50)} p99 ${formatMs(r.perCommand.p99)}, RSS at the end ${formatBytes(r.rssEnd)}\n`);
  process.stdout.write(`MDE calls: ${JSON.stringify(r.sandbox.byFamily)}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
