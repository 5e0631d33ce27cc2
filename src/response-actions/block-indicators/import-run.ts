import { describeMdeError } from '../../mde/describe-error';
import { isMdeError, type MdeError } from '../../mde/errors';
import type { IndicatorImportItem, IndicatorImportResult } from '../../mde/indicator-bulk';
import { MAX_INDICATORS_PER_CALL } from '../../mde/indicator-bulk';
import type { IndicatorsApi } from '../../mde/indicators-api';
import { indicatorKey } from '../../triage/coverage';

/**
 * Carries out a planned bulk block: import calls of ≤500 (the shared limiter keeps them at 30/min),
 * each item's result kept. Nothing is imported twice: the tenant's indicators are read back first
 * (what an earlier run, before a retry or a restart, got MDE to accept is skipped), and a call
 * whose answer was lost (timeout, 5xx, broken connection: MDE may have acted) is settled by
 * reading back again, never by sending it again.
 */

export type ItemOutcome = { type: string; value: string } & (
  | { status: 'created'; id: string }
  /** MDE already had it: accepted by an earlier run, or made by someone else. */
  | { status: 'already-present'; id: string }
  /** A lost answer, and the read-back found it: MDE took it. */
  | { status: 'confirmed'; id: string }
  | { status: 'failed'; reason: string }
);

export interface ImportRun {
  outcomes: ItemOutcome[];
  importCalls: number;
  readBacks: number;
}

const AMBIGUOUS: ReadonlySet<MdeError['kind']> = new Set(['timeout', 'server', 'network', 'malformed']);

export async function runImport(api: IndicatorsApi, items: readonly IndicatorImportItem[], options: { onBatch?(done: number, total: number): void } = {}): Promise<ImportRun> {
  const key = (i: { indicatorType: string; indicatorValue: string }) => indicatorKey(i.indicatorType, i.indicatorValue);
  let readBacks = 0;
  const readBack = async () => {
    readBacks++;
    const found = new Map<string, string>();
    for (const i of await api.listAll()) found.set(key({ indicatorType: i.indicatorType ?? '', indicatorValue: i.indicatorValue }), i.id);
    return found;
  };
  const outcomes = new Map<string, ItemOutcome>();
  const present = await readBack();
  const pending: IndicatorImportItem[] = [];
  for (const item of items) {
    const id = present.get(key(item));
    if (id !== undefined) outcomes.set(key(item), { type: item.indicatorType, value: item.indicatorValue, status: 'already-present', id });
    else pending.push(item);
  }
  let importCalls = 0;
  for (let start = 0; start < pending.length; start += MAX_INDICATORS_PER_CALL) {
    const batch = pending.slice(start, start + MAX_INDICATORS_PER_CALL);
    importCalls++;
    try {
      settle(batch, await api.import(batch), outcomes, key);
    } catch (err) {
      if (!isMdeError(err)) throw err;
      if (!AMBIGUOUS.has(err.kind)) {
        const reason = `${describeMdeError(err).title}${err.code ? ` (${err.code})` : ''}`;
        for (const item of batch) outcomes.set(key(item), { type: item.indicatorType, value: item.indicatorValue, status: 'failed', reason });
      } else {
        const after = await readBack();
        for (const item of batch) {
          const id = after.get(key(item));
          outcomes.set(key(item), id !== undefined ? { type: item.indicatorType, value: item.indicatorValue, status: 'confirmed', id } : { type: item.indicatorType, value: item.indicatorValue, status: 'failed', reason: 'not taken: the answer was lost and the read-back does not show it; a retry sends only these' });
        }
      }
    }
    options.onBatch?.(Math.min(start + batch.length, pending.length), pending.length);
  }
  return { outcomes: items.map((i) => outcomes.get(key(i)) as ItemOutcome), importCalls, readBacks };
}

/** One result per item, in order (matched by value when MDE's list does not line up). */
function settle(batch: readonly IndicatorImportItem[], results: readonly IndicatorImportResult[], into: Map<string, ItemOutcome>, key: (i: IndicatorImportItem) => string): void {
  const aligned = results.length === batch.length && results.every((r, n) => r.indicator === null || r.indicator === batch[n]?.indicatorValue);
  const byValue = new Map(results.map((r) => [r.indicator ?? '', r]));
  batch.forEach((item, n) => {
    const r = aligned ? results[n] : byValue.get(item.indicatorValue);
    const base = { type: item.indicatorType, value: item.indicatorValue };
    if (!r) into.set(key(item), { ...base, status: 'failed', reason: 'Defender gave no result for it' });
    else if (r.isFailed || r.id === null) into.set(key(item), { ...base, status: 'failed', reason: r.failureReason ?? 'failed, no reason given' });
    else into.set(key(item), { ...base, status: 'created', id: r.id });
  });
}
