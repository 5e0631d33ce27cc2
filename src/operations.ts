import type { Logger } from 'pino';
import type { OpenedJournal } from './audit/open-journal';
import { storageOutboxState } from './audit/outbox-wiring';
import { createOpenIndex, FOLLOW_INDEX_KEY } from './containment/open-index';
import { watchAppends } from './health/append-watch';
import { journalCheck, storeCheck, tokenCheck } from './health/checks';
import { createReadiness, type ReadinessOptions, type ReadinessReport } from './health/readiness';
import type { MdeParts } from './mde/create';
import { isETagConflict } from './store';
import type { KeyValueStore } from './util/key-value-store';
import { observeService } from './telemetry/service-gauges';
import type { Telemetry } from './telemetry/telemetry';

export interface Operations {
  /** The journal to append through: it remembers whether the last append failed (for /readyz). */
  journal: OpenedJournal;
  /** The journal, the store and MDE's token provider, checked and cached briefly, for /readyz. */
  readiness(): Promise<ReadinessReport>;
}

/**
 * What an operator watches, wired in one place for the composition root: /readyz's checks and the
 * telemetry gauges (limiter queue, audit outbox lag, follow-through backlog).
 */
/** `journalFile`: the file journal's path, probed for /readyz; absent for the blob journal. */
export function wireOperations(opts: { journal: OpenedJournal; journalFile?: string; store: KeyValueStore; mde: MdeParts; telemetry: Telemetry; logger: Logger; readiness?: ReadinessOptions }): Operations {
  const { journal, store, mde, telemetry } = opts;
  const appends = watchAppends(journal);
  const health = opts.logger.child({ component: 'readiness' });
  const readiness = createReadiness([journalCheck(opts.journalFile, appends.watch), storeCheck(store), tokenCheck(mde.tokenProvider)], {
    onChange: (report) => (report.ready ? health.info('ready') : health.warn({ reasons: report.reasons }, 'not ready')),
    ...opts.readiness,
  });
  observeService(telemetry, {
    limiterQueued: () => Object.fromEntries(Object.entries(mde.limiter.stats()).map(([family, s]) => [family, s.queued])),
    outbox: async () => ({ headSeq: journal.head().seq, deliveredSeq: (await storageOutboxState(store).load()).deliveredSeq }),
    followBacklog: async () => (await createOpenIndex(store, isETagConflict, FOLLOW_INDEX_KEY).list()).length,
  });
  return { journal: appends.journal, readiness };
}
