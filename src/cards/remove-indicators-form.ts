import formTemplate from '../../cards/remove-indicators-form.json';
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
