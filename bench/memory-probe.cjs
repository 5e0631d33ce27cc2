// Preloaded into the bot process by the bench (node -r bench/memory-probe.cjs dist/src/main.js):
// writes process.memoryUsage() to stderr every BENCH_MEMORY_PROBE_MS, so heap can be reported
// without any endpoint or flag in the bot itself. Does nothing when the variable is unset.
'use strict';
const everyMs = Number(process.env.BENCH_MEMORY_PROBE_MS);
if (everyMs > 0) {
  setInterval(() => {
    // With BENCH_MEMORY_PROBE_GC=1 (and node --expose-gc): collect first, so heap is what is retained.
    if (process.env.BENCH_MEMORY_PROBE_GC === '1' && typeof global.gc === 'function') global.gc();
    const m = process.memoryUsage();
    process.stderr.write(`BENCH_MEM ${JSON.stringify({ at: Date.now(), rss: m.rss, heapUsed: m.heapUsed, heapTotal: m.heapTotal, external: m.external })}\n`);
  }, everyMs).unref();
}
