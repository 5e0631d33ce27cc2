import { z } from 'zod';
import { storedRequestSchema, text } from '../../containment/model';
import { INDICATOR_ID, MAX_REMOVE } from '../remove-indicators/request';

/** An expiry extension as stored: the indicator ids and by how many days. */
export const extendIndicatorsRequestSchema = storedRequestSchema(
  'extend-indicators',
  z.object({ ids: z.array(z.string().regex(INDICATOR_ID)).min(1).max(MAX_REMOVE), selection: text(200).optional() }),
  z.object({ byDays: z.number().int().min(1).max(365) }),
);
export type ExtendIndicatorsRequest = z.infer<typeof extendIndicatorsRequestSchema>;
