import { CARD_VERBS } from '../../cards/card-verbs';
import { indicatorIdSetHandler } from '../indicator-id-set-handler';

/** "Send for approval" under "Remove the N …": the stored set (or the ids typed from it), one approval. */
export const requestRemoveIndicatorsHandler = indicatorIdSetHandler({
  verb: CARD_VERBS.indicatorsRemoveRequest,
  kind: 'remove-indicators',
  noun: 'Removal',
  defaultSelection: 'redundant: Defender already detects the file',
  fields: {},
  parameters: () => ({}),
  refused: () => 'None of these indicators is in Defender any more.',
});
