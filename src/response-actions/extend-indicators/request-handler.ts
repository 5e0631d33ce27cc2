import { z } from 'zod';
import { CARD_VERBS } from '../../cards/card-verbs';
import { indicatorIdSetHandler } from '../indicator-id-set-handler';

/** "Send for approval" under "Extend the N expiring soon": the stored set (or ids typed from it), one approval. */
export const requestExtendIndicatorsHandler = indicatorIdSetHandler({
  verb: CARD_VERBS.indicatorsExtendRequest,
  kind: 'extend-indicators',
  noun: 'Extension',
  defaultSelection: 'expiring within 7 days',
  fields: { byDays: z.coerce.number().int().min(1).max(365).default(30) },
  parameters: (form) => ({ byDays: form.byDays }),
  refused: (refusal) => String(refusal.detail.detail ?? refusal.reason),
});
