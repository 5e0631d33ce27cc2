import formTemplate from '../../cards/remove-indicators-form.json';
import extendTemplate from '../../cards/extend-indicators-form.json';
import type { CardAction } from './card-action';
import { CARD_VERBS } from './card-verbs';
import { formatCount } from './format';
import { renderCard } from './render';

/** "Remove the N redundant" under /indicators: the stored set's id only; a subset may be typed in. */
export function removeIndicatorsFormAction(input: { setId: string; count: number; what: string }): CardAction {
  const verb = CARD_VERBS.indicatorsRemoveRequest;
  const data = { setId: input.setId };
  const n = formatCount(input.count) ?? '';
  const card = renderCard(formTemplate, {
    intro: `Ask an approver to remove ${n} custom indicators (${input.what}) from Defender, freeing their share of the 15,000 quota. Removal cannot be undone; type ids to remove only some.`,
    verb,
    data,
    fallbackData: { verb, ...data },
  });
  return { type: 'Action.ShowCard', title: `Remove the ${n} ${input.what}`, card };
}

/** "Extend the N expiring within 7 days" under /indicators: the stored set's id only; a subset may be typed in. */
export function extendIndicatorsFormAction(input: { setId: string; count: number; what?: string }): CardAction {
  const verb = CARD_VERBS.indicatorsExtendRequest;
  const data = { setId: input.setId };
  const n = formatCount(input.count) ?? '';
  const card = renderCard(extendTemplate, {
    intro: `Ask an approver to extend the expiry of ${n} custom indicators ${input.what ? `(${input.what})` : 'that expire within 7 days'} (from the later of now and their current expiry). Type ids to extend only some.`,
    verb,
    data,
    fallbackData: { verb, ...data },
  });
  return { type: 'Action.ShowCard', title: `Extend the ${n} ${input.what ?? 'expiring soon'}`, card };
}
