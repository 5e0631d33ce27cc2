/**
 * The bot as its own process, for the outbox kill test (test/integration/audit-outbox-kill.test.ts).
 * Appends VERDICT_TEST_APPEND entries to the journal in STATE_DIR (as containment would have,
 * before this start), then starts Verdict from the environment and runs until it is killed.
 * SIGTERM stops it gracefully. Run with `node -r tsx/cjs test/support/outbox-child.ts`.
 */
import { join } from 'node:path';
import { openFileAuditJournal } from '../../src/audit/journal-file';
import { startVerdict } from '../../src/main';

async function appendEntries(stateDir: string, life: string, count: number): Promise<void> {
  const journal = await openFileAuditJournal({ path: join(stateDir, 'audit.jsonl'), now: Date.now });
  try {
    for (let i = 0; i < count; i++) {
      // Three entries per request: a thread, then two replies into it.
      const requestId = `req-${life}-${Math.floor(i / 3)}`;
      await journal.append({ type: i % 3 === 0 ? 'containment.requested' : 'containment.approved', actor: { name: `life ${life}` }, requestId, data: { life, i } });
    }
  } finally {
    await journal.close();
  }
}

async function main(): Promise<void> {
  const stateDir = process.env.STATE_DIR;
  if (!stateDir) throw new Error('STATE_DIR is required');
  await appendEntries(stateDir, process.env.VERDICT_TEST_LIFE ?? '0', Number(process.env.VERDICT_TEST_APPEND ?? 0));
  // Teams' pace is 1 post/s; the test posts dozens of entries, so it runs faster.
  const app = await startVerdict(process.env, { auditOutbox: { minIntervalMs: 20 } });
  process.once('SIGTERM', () => {
    app.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}

main().catch((err: unknown) => {
  process.stderr.write(`outbox child failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
