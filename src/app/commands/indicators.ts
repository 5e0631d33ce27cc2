import { indicatorsCard } from '../../cards/indicators-card';
import { noticeCard } from '../../cards/notice-card';
import { progressCard, progressStoppedCard } from '../../cards/progress-card';
import type { FileProfileResult } from '../../mde/client';
import { describeMdeError } from '../../mde/describe-error';
import { isMdeError } from '../../mde/errors';
import { HUNTING_BATCH_MAX } from '../../triage/bulk';
import { profilableHashes, reviewIndicators } from '../../triage/indicator-review';
import { mapBounded } from '../bounded-map';
import { bulkSettings, type AppDeps } from '../deps';
import { startProgress } from '../progress-message';
import type { Command } from './command';
import { can, type Access } from '../access';
import type { CardAction } from '../../cards/card-action';
import { extendIndicatorsFormAction, removeIndicatorsFormAction } from '../../cards/remove-indicators-form';
import { BY_ID, indicatorsById, readIndicators } from './indicators-by-id';

/** Hunting queries in flight at once; the limiter keeps them under hunting's 45/min either way. */
const PROFILE_CONCURRENCY = 3;

/**
 * /indicators: the tenant's custom indicators and the redundancy review. One paged list read
 * (≤3 calls), then FileProfile() through advanced hunting for every SHA-1/SHA-256 indicator, at
 * most 1,000 a query (15 queries for 15,000), never the Files API one by one: 15,000 single
 * lookups would be ten hours of its 1,500/h budget. If hunting is refused, the review says so and
 * the rest of the card stands.
 */
export const indicatorsCommand: Command = {
  name: 'indicators',
  usage: '/indicators [remove|extend <id …>]',
  description: "Your tenant's custom indicators: counts, what expires soon, and which ones Defender's own detection makes redundant. `remove` or `extend` with indicator ids asks an approver to remove or extend exactly those.",
  example: '/indicators',
  requires: 'review-indicators',
  async run(turn, args, deps, access) {
    const byId = BY_ID.exec(args.trim());
    if (byId) return indicatorsById(turn, byId[1]?.toLowerCase() === 'remove' ? 'remove' : 'extend', byId[2] ?? '', deps, access);
    const api = deps.indicators;
    if (!api) {
      await turn.reply(noticeCard({ title: 'Custom indicators are not available', detail: 'This Verdict has no access to Defender indicators configured.' }));
      return;
    }
    const indicators = await readIndicators(turn, api);
    if (!indicators) return;
    const now = (deps.now ?? Date.now)();
    const hashes = profilableHashes(indicators, now);
    turn.log.info({ indicators: indicators.length, profilable: hashes.length }, 'indicator review');
    const review = (profiles: FileProfileResult[] | null) => reviewIndicators({ indicators, profiles, now, ownClientId: api.ownClientId });
    if (hashes.length === 0) {
      const done = review([]);
      await turn.reply(indicatorsCard(done, [], await offers(done, deps, access)));
      return;
    }
    const total = hashes.length;
    const note = 'Checking which file indicators Defender already detects…';
    const progress = await startProgress(turn, progressCard({ total, note }), { now: deps.now ?? Date.now, intervalMs: bulkSettings(deps).progressIntervalMs });
    try {
      const profiled = await profileAll(hashes, deps, (done) => progress.update(progressCard({ total, done, note })));
      const done = review(profiled.profiles);
      await progress.finish([indicatorsCard(done, profiled.note ? [profiled.note] : [], await offers(done, deps, access))]);
    } catch (err) {
      await progress.finish([progressStoppedCard(total)]).catch((finishErr: unknown) => turn.log.warn({ err: finishErr }, 'could not mark the review as stopped'));
      throw err;
    }
  },
};

/** FileProfile() for every hash, ≤1,000 a call (the hashes come sorted by kind, so each call is one query). */
async function profileAll(hashes: readonly string[], deps: AppDeps, onProgress: (done: number) => void): Promise<{ profiles: FileProfileResult[] | null; note?: string }> {
  const chunks: string[][] = [];
  for (let i = 0; i < hashes.length; i += HUNTING_BATCH_MAX) chunks.push(hashes.slice(i, i + HUNTING_BATCH_MAX));
  let done = 0;
  try {
    const answers = await mapBounded(chunks, PROFILE_CONCURRENCY, async (chunk) => {
      const got = await deps.mde.getFileProfiles(chunk);
      done += chunk.length;
      onProgress(done);
      return got;
    });
    return { profiles: answers.flat() };
  } catch (err) {
    if (!isMdeError(err)) throw err;
    const needs = err.kind === 'forbidden' ? ' (Verdict needs ThreatHunting.Read.All)' : '';
    return {
      profiles: null,
      note: `The redundancy review needs advanced hunting, which did not answer: ${describeMdeError(err).title}${needs}. Verdict does not check indicators one by one through the Files API: at 15,000 indicators that is ten hours of its budget.`,
    };
  }
}

/** "Remove the N redundant" and "Extend the N expiring soon", for someone who may ask: ids stored, buttons carry only a set id. */
async function offers(review: ReturnType<typeof reviewIndicators>, deps: AppDeps, access: Access): Promise<CardAction[]> {
  if (!deps.iocSets || !deps.containment || !can(access.roles, 'request-containment')) return [];
  const now = (deps.now ?? Date.now)();
  const found: CardAction[] = [];
  const redundant = review.redundancy?.redundant.map((r) => r.id) ?? [];
  if (redundant.length > 0) found.push(removeIndicatorsFormAction({ setId: await deps.iocSets.saveIds(redundant, now), count: redundant.length, what: 'redundant' }));
  const expiring = review.expiringSoon.map((r) => r.id);
  if (expiring.length > 0) found.push(extendIndicatorsFormAction({ setId: await deps.iocSets.saveIds(expiring, now), count: expiring.length }));
  return found;
}
