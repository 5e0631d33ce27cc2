import formTemplate from '../../cards/block-iocs-form.json';
import type { CardAction } from './card-action';
import { CARD_VERBS } from './card-verbs';
import { formatCount } from './format';
import { renderCard } from './render';

/**
 * "Block the N not covered" under the coverage card: one form for the whole set, an action per
 * kind of IoC (network indicators never take Block and remediate). The button carries only the
 * stored set's id; the server loads the set and checks every value again.
 */
export function blockIocsFormAction(input: { setId: string; files: number; network: number }): CardAction {
  const n = input.files + input.network;
  const verb = CARD_VERBS.indicatorsBlockRequest;
  const data = { setId: input.setId };
  const card = renderCard(formTemplate, {
    intro: `Ask an approver to add custom indicators for these ${formatCount(n) ?? ''} IoCs in Defender (${formatCount(input.files) ?? '0'} files, ${formatCount(input.network) ?? '0'} IPs, domains or URLs): one approval for the set.`,
    hasFiles: input.files > 0,
    hasNetwork: input.network > 0,
    title: 'Advisory IoCs blocked via Verdict',
    description: 'IoCs from a pasted advisory that Defender did not already cover.',
    verb,
    data,
    fallbackData: { verb, ...data },
  });
  return { type: 'Action.ShowCard', title: `Block the ${formatCount(n) ?? ''} not covered`, card };
}
