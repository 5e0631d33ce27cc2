/**
 * One Verdict instance as its own process, for the several-instances test
 * (test/integration/scaleout-processes.test.ts): startVerdict from the environment, with the
 * outbox sped up (Teams' pace is 1 post/s) and the MDE limiter's time scaled like the test's
 * sandbox (VERDICT_TEST_TIME_SCALE). SIGTERM stops it gracefully; the test also SIGKILLs it.
 * Run with `node -r tsx/cjs test/support/scaleout-child.ts`.
 */
import { startVerdict } from '../../src/main';

async function main(): Promise<void> {
  const scale = Number(process.env.VERDICT_TEST_TIME_SCALE ?? 1);
  const app = await startVerdict(process.env, { auditOutbox: { minIntervalMs: 20, maxBackoffMs: 500 }, mde: { limiterTimeScale: scale } });
  process.once('SIGTERM', () => {
    app.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}

main().catch((err: unknown) => {
  process.stderr.write(`scale-out child failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
