import { chosenIndicatorsCard } from '../../cards/indicators-card';
import { problemCard } from '../../cards/problem-card';
import { extendIndicatorsFormAction, removeIndicatorsFormAction } from '../../cards/remove-indicators-form';
import { refOf } from '../../triage/coverage';
import { can, notAllowedCard, type Access } from '../access';
import type { AppDeps } from '../deps';
import { mdeFailureCard } from '../mde-failure-card';
import type { IndicatorsApi } from '../../mde/indicators-api';
import type { MdeIndicator } from '../../mde/indicator';
import type { Turn } from '../turn';

/** MDE's indicator ids are numbers (as strings); anything else is refused, never guessed at. */
const MDE_INDICATOR_ID = /^\d{1,19}$/;
/** One BatchDelete call's worth: a larger set comes from the review's buttons, not typed. */
export const MAX_TYPED_IDS = 500;

export const BY_ID = /^(remove|extend)(?:\s+([\s\S]*))?$/i;

const problem = (title: string, detail: string) => problemCard({ title, detail, action: 'Usage: /indicators remove <id …> or /indicators extend <id …> (Defender indicator ids, at most 500).' });

/** The tenant's indicators, or undefined once Defender's refusal has been answered with its card. */
export async function readIndicators(turn: Turn, api: IndicatorsApi): Promise<MdeIndicator[] | undefined> {
  try {
    return await api.listAll();
  } catch (err) {
    const card = mdeFailureCard(err, 'Reading your custom indicators');
    if (!card) throw err;
    await turn.reply(card);
    return undefined;
  }
}

/**
 * `/indicators remove <id …>` and `/indicators extend <id …>`: exactly these indicators, read from
 * Defender first, shown as Defender has them, with the same approval form as the review's sets.
 * Ids Defender does not have are listed and left out.
 */
export async function indicatorsById(turn: Turn, doing: 'remove' | 'extend', rest: string, deps: AppDeps, access: Access): Promise<void> {
  if (!can(access.roles, 'request-containment')) return void (await turn.reply(notAllowedCard(access, 'request-containment')));
  const typed = [...new Set(rest.split(/[\s,]+/).filter(Boolean))];
  if (typed.length === 0) return void (await turn.reply(problem(`Nothing to ${doing}`, 'Give the ids of the indicators, as /indicators or the Defender portal shows them.')));
  const bad = typed.filter((id) => !MDE_INDICATOR_ID.test(id));
  if (bad.length > 0) return void (await turn.reply(problem('Not indicator ids', `Defender's indicator ids are numbers: ${bad.slice(0, 8).map((id) => id.slice(0, 40)).join(', ')}${bad.length > 8 ? ` and ${bad.length - 8} more` : ''}`)));
  if (typed.length > MAX_TYPED_IDS) return void (await turn.reply(problem('Too many ids', `At most ${MAX_TYPED_IDS} at a time; you gave ${typed.length}.`)));
  if (!deps.indicators || !deps.iocSets || !deps.containment) return void (await turn.reply(problem('Custom indicators are not available', 'This Verdict has no access to Defender indicators configured.')));
  const api = deps.indicators;
  const listed = await readIndicators(turn, api);
  if (!listed) return;
  const byId = new Map(listed.map((i) => [i.id, i]));
  const found = typed.flatMap((id) => {
    const indicator = byId.get(id);
    return indicator ? [refOf(indicator, api.ownClientId)] : [];
  });
  const unknown = typed.filter((id) => !byId.has(id));
  if (found.length === 0) return void (await turn.reply(problem('None of these indicators is in Defender', unknown.slice(0, 30).join(', '))));
  const now = (deps.now ?? Date.now)();
  const setId = await deps.iocSets.saveIds(found.map((i) => i.id), now, 'chosen by id');
  const action = doing === 'remove' ? removeIndicatorsFormAction({ setId, count: found.length, what: 'chosen' }) : extendIndicatorsFormAction({ setId, count: found.length, what: 'chosen' });
  await turn.reply(chosenIndicatorsCard({ doing, found, unknown, actions: [action] }));
}
