import { describeMdeError } from '../../mde/describe-error';
import { isMdeError } from '../../mde/errors';
import { MAX_INDICATORS_PER_CALL } from '../../mde/indicator-bulk';
import type { IndicatorsApi } from '../../mde/indicators-api';

/**
 * Removes indicators by id: BatchDelete calls of ≤500 (30/min, its own family), and the outcome of
 * every id read back from the list rather than trusted from the answer: MDE's answer when some ids
 * are already gone is not documented (reference §4b), and a lost answer says nothing. Ids already
 * gone before the run are not sent (a retry or a restart re-sends only what is still there).
 */
export type RemoveOutcome = { id: string } & ({ status: 'removed' } | { status: 'already-gone' } | { status: 'failed'; reason: string });

export interface RemoveRun {
  outcomes: RemoveOutcome[];
  deleteCalls: number;
}

export async function runRemove(api: IndicatorsApi, ids: readonly string[]): Promise<RemoveRun> {
  const present = async () => new Set((await api.listAll()).map((i) => i.id));
  const unique = [...new Set(ids)];
  const before = await present();
  const outcomes = new Map<string, RemoveOutcome>();
  const toDelete = unique.filter((id) => {
    if (before.has(id)) return true;
    outcomes.set(id, { id, status: 'already-gone' });
    return false;
  });
  let deleteCalls = 0;
  const failures = new Map<string, string>();
  for (let start = 0; start < toDelete.length; start += MAX_INDICATORS_PER_CALL) {
    const batch = toDelete.slice(start, start + MAX_INDICATORS_PER_CALL);
    deleteCalls++;
    try {
      await api.batchDelete(batch);
    } catch (err) {
      if (!isMdeError(err)) throw err;
      // Settled by the read-back below: a lost answer may still have deleted them.
      for (const id of batch) failures.set(id, `${describeMdeError(err).title}${err.code ? ` (${err.code})` : ''}`);
    }
  }
  const after = toDelete.length > 0 ? await present() : new Set<string>();
  for (const id of toDelete) {
    outcomes.set(id, after.has(id) ? { id, status: 'failed', reason: failures.get(id) ?? 'still listed after the delete' } : { id, status: 'removed' });
  }
  return { outcomes: unique.map((id) => outcomes.get(id) as RemoveOutcome), deleteCalls };
}
