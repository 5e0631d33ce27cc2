import { createHash } from 'node:crypto';
import { createMdeRateLimiter } from '../../src/mde/rate-limiter';
import { DEMO_FILES } from '../../src/sandbox/demo-tenant';
import { clientFor, withSandbox } from './sandbox-http';

/**
 * Pacing by design: the client's limiter and the sandbox's enforcement wired with the same limits
 * and time scale, as the composition root and the benchmark do. A burst must finish with no 429.
 */
jest.setTimeout(60_000);

const sha1s = (n: number, seed: string) => Array.from({ length: n }, (_, i) => createHash('sha1').update(`${seed}-${i}`).digest('hex'));

describe('MDE client pacing against the sandbox', () => {
  it('when 30 files are looked up at once under 10 per scaled minute, then all succeed, none is throttled, and they span three windows', async () => {
    const shared = { limits: { perMinute: 10 }, timeScale: 0.02 }; // a "minute" is 1.2 s
    await withSandbox(shared, async (sb) => {
      const limiter = createMdeRateLimiter(shared);
      const client = clientFor(sb, { limiter });
      const hashes = [...Object.values(DEMO_FILES).map((d) => d.sha256), ...sha1s(26, 'burst')];
      const started = performance.now();
      const results = await Promise.all(hashes.map((h) => client.getFile(h)));
      const elapsed = performance.now() - started;
      expect(results.slice(0, 4).map((f) => f?.sha256)).toEqual(hashes.slice(0, 4));
      expect(results.slice(4).every((f) => f === null)).toBe(true);
      expect(sb.stats().throttled).toBe(0);
      expect(sb.stats().byFamily.files).toBe(30);
      expect(elapsed).toBeGreaterThanOrEqual(2 * 1_200);
      expect(limiter.stats().files).toMatchObject({ calls: 30, waited: 20, throttled: 0, queued: 0 });
    });
  });

  it('when the same burst is sent with a limiter that does not know the limit, then the sandbox does throttle (the control)', async () => {
    await withSandbox({ limits: { perMinute: 10 }, timeScale: 0.02 }, async (sb) => {
      const client = clientFor(sb, { limiter: createMdeRateLimiter({ limits: { perMinute: 1_000 }, timeScale: 0.02 }), maxRetries: 0 });
      await Promise.allSettled(sha1s(15, 'control').map((h) => client.getFile(h)));
      expect(sb.stats().throttled).toBeGreaterThan(0);
    });
  });

  it('when hunting and file lookups run together with realistic (scaled) latency, then each family is paced on its own and nothing is throttled', async () => {
    // Hunting goes through Graph's runHuntingQuery, paced in its own family on both sides.
    const shared = { familyLimits: { 'graph-hunting': { perMinute: 3 }, files: { perMinute: 8 } }, timeScale: 0.02 };
    await withSandbox({ ...shared, latencyModel: 'realistic', syntheticFiles: true }, async (sb) => {
      const limiter = createMdeRateLimiter(shared);
      const client = clientFor(sb, { limiter });
      const batches = Array.from({ length: 7 }, (_, i) => sha1s(50, `batch-${i}`));
      await Promise.all([...batches.map((b) => client.getFileProfiles(b)), ...sha1s(16, 'single').map((h) => client.getFile(h))]);
      expect(sb.stats().throttled).toBe(0);
      expect(sb.stats().byFamily).toEqual({ 'graph-hunting': 7, files: 16 });
      expect(limiter.stats()).toMatchObject({ 'graph-hunting': { calls: 7, waited: 4 }, files: { calls: 16, waited: 8 } });
    });
  });

  it('when a 429 comes anyway (injected), then the client waits Retry-After and the limiter counts it', async () => {
    await withSandbox({}, async (sb) => {
      const limiter = createMdeRateLimiter();
      sb.faults.inject({ family: 'files', type: 'status', status: 429, retryAfterSeconds: 1 });
      await expect(clientFor(sb, { limiter }).getFile(DEMO_FILES.pua.sha1)).resolves.toMatchObject({ sha1: DEMO_FILES.pua.sha1 });
      expect(limiter.stats().files).toMatchObject({ calls: 2, throttled: 1 });
    });
  });
});
