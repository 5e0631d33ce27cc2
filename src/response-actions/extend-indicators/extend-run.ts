import { describeMdeError } from '../../mde/describe-error';
import { isMdeError } from '../../mde/errors';
import type { MdeIndicator } from '../../mde/indicator';
import type { IndicatorImportItem } from '../../mde/indicator-bulk';
import { MAX_INDICATORS_PER_CALL } from '../../mde/indicator-bulk';
import type { IndicatorsApi } from '../../mde/indicators-api';
import { indicatorKey } from '../../triage/coverage';

/**
 * Carries out a planned expiry extension: what already expires at or after the new time (an
 * earlier run got there) is not sent again; the rest goes in import calls of ≤500; the list is
 * read back at the end and each indicator's expiry checked, since the import's answer says only
 * that an item did not fail, and a lost answer says nothing.
 */
export type ExtendOutcome = { id: string; value: string } & ({ status: 'extended'; expires: string } | { status: 'already-extended'; expires: string } | { status: 'failed'; reason: string });

const keyOf = (i: { indicatorType?: string | null; indicatorValue: string }) => indicatorKey(i.indicatorType ?? '', i.indicatorValue);
const reaches = (i: MdeIndicator | undefined, at: string) => i !== undefined && Date.parse(i.expirationTime ?? '') >= Date.parse(at);

export async function runExtend(api: IndicatorsApi, items: readonly IndicatorImportItem[]): Promise<{ outcomes: ExtendOutcome[]; importCalls: number }> {
  const read = async () => new Map((await api.listAll()).map((i) => [keyOf(i), i]));
  const before = await read();
  const pending = items.filter((item) => !reaches(before.get(keyOf(item)), item.expirationTime ?? ''));
  const failures = new Map<string, string>();
  let importCalls = 0;
  for (let start = 0; start < pending.length; start += MAX_INDICATORS_PER_CALL) {
    const batch = pending.slice(start, start + MAX_INDICATORS_PER_CALL);
    importCalls++;
    try {
      const results = await api.import(batch);
      results.forEach((r, n) => r.isFailed && batch[n] && failures.set(keyOf(batch[n]), r.failureReason ?? 'failed, no reason given'));
    } catch (err) {
      if (!isMdeError(err)) throw err;
      for (const item of batch) failures.set(keyOf(item), `${describeMdeError(err).title}${err.code ? ` (${err.code})` : ''}`);
    }
  }
  const after = pending.length > 0 ? await read() : before;
  const sent = new Set(pending.map(keyOf));
  const outcomes = items.map((item): ExtendOutcome => {
    const now = after.get(keyOf(item));
    const base = { id: now?.id ?? before.get(keyOf(item))?.id ?? '', value: item.indicatorValue };
    if (reaches(now, item.expirationTime ?? '')) return { ...base, status: sent.has(keyOf(item)) ? 'extended' : 'already-extended', expires: now?.expirationTime ?? '' };
    return { ...base, status: 'failed', reason: failures.get(keyOf(item)) ?? (now ? 'Defender still shows the old expiry' : 'no longer in Defender') };
  });
  return { outcomes, importCalls };
}
