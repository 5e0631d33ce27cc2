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
    const cpu = process.cpuUsage();
    process.stderr.write(`BENCH_MEM ${JSON.stringify({ at: Date.now(), rss: m.rss, heapUsed: m.heapUsed, heapTotal: m.heapTotal, external: m.external, arrayBuffers: m.arrayBuffers, cpuMs: (cpu.user + cpu.system) / 1000 })}\n`);
  }, everyMs).unref();
}

// With BENCH_MEMORY_PROBE_ALLOC=<file>: sample every allocation (garbage included) and write the
// profile (a .heapprofile for Chrome DevTools) when the process exits. Diagnosis only.
const allocFile = process.env.BENCH_MEMORY_PROBE_ALLOC;
if (allocFile) {
  const session = new (require('node:inspector').Session)();
  session.connect();
  session.post('HeapProfiler.startSampling', { samplingInterval: 32768, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
  process.on('exit', () => {
    // The main-thread inspector session answers synchronously, so this runs to the end inside 'exit'.
    session.post('HeapProfiler.stopSampling', (err, result) => {
      if (!err) require('node:fs').writeFileSync(allocFile, JSON.stringify(result.profile));
    });
  });
}
