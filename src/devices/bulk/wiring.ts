import type { Logger } from 'pino';
import type { MdeDeviceApi } from '../../mde/device-api';
import { abortableSleep } from '../../util/abortable-sleep';
import type { KeyValueStore } from '../../util/key-value-store';
import { createBulkRuns, type BulkRuns } from './bulk-runs';
import { bulkMdeOver } from './mde-bulk-adapter';
import { pQueueGate, simpleGate } from './p-queue-gate';
import type { Gate } from './ports';
import type { BulkKind } from './bulk-action';
import type { OutcomeSink } from '../../audit/outcome-batches';

/** MDE calls in flight at once per process for bulk runs; the shared limiter paces them under 100/min anyway. */
const CONCURRENCY = 8;
/** Settled devices fewer than a batch (50) wait at most this long for their journal entry. */
const JOURNAL_EVERY_MS = 60_000;

function gate(logger: Logger): Gate {
  try {
    return pQueueGate(CONCURRENCY);
  } catch (err) {
    // Only where require(esm) is missing (jest's module system; Node < 20.19): same bound, our own queue.
    logger.warn({ err: String(err) }, 'p-queue could not be loaded; bulk runs use the built-in gate');
    return simpleGate(CONCURRENCY);
  }
}

/** Where runs journal their devices' outcomes; `sink` is set once the journal exists (main.ts builds it later). */
export interface OutcomeJournal extends OutcomeSink {
  /** The stored kind name of the request that runs this action. */
  kindOf?: (action: BulkKind) => string;
}

/** The process's bulk runs over the paced device API and the state store (main.ts's one call). */
export function bulkRunsFor(api: MdeDeviceApi, store: KeyValueStore, logger: Logger, now: () => number, journal: OutcomeJournal, options: { isLeader?: () => boolean } = {}): BulkRuns & { pause(): Promise<void>; stop(): Promise<void> } {
  // Stopping wakes every run's waits and sends nothing more: they end (stored as they are) and
  // resume at the next start. Pausing does the same for now (this instance no longer leads) and
  // lets runs start again later.
  const stopping = new AbortController();
  let pausing = new AbortController();
  const halted = () => stopping.signal.aborted || pausing.signal.aborted;
  const runs = createBulkRuns(
    {
      mde: bulkMdeOver(api),
      gate: gate(logger),
      clock: now,
      sleep: (ms) => abortableSleep(ms, AbortSignal.any([stopping.signal, pausing.signal])),
      paused: halted,
      followFirstMs: 5_000,
      followMaxIntervalMs: 60_000,
      followForMs: 24 * 3_600_000,
      warn: (event, fields) => logger.warn(fields, event),
      // Each device's final outcome, batched: one audit thread per request, a line per ≤ 50 devices.
      journal: {
        kindOf: (action) => journal.kindOf?.(action) ?? action,
        async append(entry) {
          if (!journal.sink) throw new Error('the audit journal is not open yet');
          await journal.sink.append({ type: 'containment.action-status', actor: { name: 'verdict' }, ...entry });
        },
      },
      journalTimer(tick) {
        const timer = setInterval(tick, JOURNAL_EVERY_MS);
        timer.unref();
        return () => clearInterval(timer);
      },
    },
    store,
    (runId, err) => (halted() ? logger.info({ runId }, 'bulk run paused (shutdown, or another instance leads now); it resumes where it stopped') : logger.error({ runId, err }, 'bulk run stopped unexpectedly; it resumes at the next start')),
    { mayStart: () => !stopping.signal.aborted && !pausing.signal.aborted && (options.isLeader?.() ?? true) },
  );
  return {
    ...runs,
    async pause() {
      pausing.abort();
      await runs.idle();
      pausing = new AbortController();
    },
    async stop() {
      stopping.abort();
      await runs.idle();
    },
  };
}
