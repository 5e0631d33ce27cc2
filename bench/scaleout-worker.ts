/**
 * One "instance" of bench/scaleout.ts, as its own process. BENCH_MODE=append: opens the blob
 * journal and appends BENCH_APPENDS entries one after another, then prints its latencies (ms) as
 * one JSON line. BENCH_MODE=lease: competes for the leader lease and prints a line when it leads.
 */
import { BlobServiceClient } from '@azure/storage-blob';
import { BlobsStorage } from 'botbuilder-azure-blobs';
import pino from 'pino';
import { performance } from 'node:perf_hooks';
import { openBlobAuditJournal } from '../src/audit/journal-blob';
import { startBlobLeadership } from '../src/store/blob-leadership';

async function main(): Promise<void> {
  const connection = process.env.BENCH_BLOB as string;
  const service = BlobServiceClient.fromConnectionString(connection);
  if (process.env.BENCH_MODE === 'lease') {
    const leadership = await startBlobLeadership({ container: service.getContainerClient('bench-state'), leaseSeconds: 15, logger: pino({ level: 'silent' }) });
    leadership.onChange((leader) => leader && process.stdout.write(`${JSON.stringify({ leads: Date.now() })}\n`));
    // The lease's timer does not hold the process (a bot's server does): stay until killed.
    setInterval(() => undefined, 60_000);
    return;
  }
  const journal = await openBlobAuditJournal({ container: service.getContainerClient('bench-journal'), store: new BlobsStorage(connection, 'bench-state'), now: Date.now });
  const latencies: number[] = [];
  const started = performance.now();
  for (let i = 0; i < Number(process.env.BENCH_APPENDS); i++) {
    const t = performance.now();
    await journal.append({ type: 'command.run', actor: { name: `bench ${process.pid}` }, data: { i } });
    latencies.push(performance.now() - t);
  }
  const wallMs = performance.now() - started;
  await journal.close();
  process.stdout.write(`${JSON.stringify({ latencies, wallMs, retries: journal.retries() })}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`bench worker failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
