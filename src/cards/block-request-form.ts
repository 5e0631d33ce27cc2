import formTemplate from '../../cards/block-request-form.json';
import type { CardAction } from './card-action';
import { CARD_VERBS } from './card-verbs';
import { clip, oneLine } from './escape';
import { renderCard } from './render';

export interface BlockFormInput {
  /** The hash the button carries (SHA-256 preferred, else SHA-1); validated hex. */
  sha: string;
  verdictLabel: string;
  fileName?: string | null;
  threatName?: string | null;
}

/**
 * "Request block" on a verdict card: a form under the card. Its button carries only the hash; the
 * inputs are merged into the data by the client and validated (and the verdict re-derived) on the server.
 * Prefilled values go into Input values, not markdown, so they are one-lined and clipped, not escaped.
 */
export function requestBlockAction(input: BlockFormInput): CardAction {
  const name = clip(oneLine(input.fileName ?? ''), 120);
  const threat = clip(oneLine(input.threatName ?? ''), 120);
  const title = clip(`Verdict: ${input.verdictLabel} file ${name || input.sha.slice(0, 16)}`, 100);
  const description = clip(oneLine(`${input.verdictLabel} in Defender${threat ? ` (${threat})` : ''}. ${input.sha.length === 64 ? 'SHA-256' : 'SHA-1'} ${input.sha}.`), 1000);
  const severity = input.verdictLabel === 'Malicious' ? 'High' : 'Medium';
  const card = renderCard(formTemplate, { sha: input.sha, verb: CARD_VERBS.containmentRequestBlock, title, description, severity });
  return { type: 'Action.ShowCard', title: 'Request block', card };
}
