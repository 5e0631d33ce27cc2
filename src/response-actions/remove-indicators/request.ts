import { z } from 'zod';
import { storedRequestSchema, text } from '../../containment/model';

/** A removal as stored: the indicator ids (what the approver approves) and what they were, for the cards. */
export const INDICATOR_ID = /^[A-Za-z0-9_-]{1,64}$/;
export const MAX_REMOVE = 15_000;

export const removeIndicatorsTargetSchema = z.object({
  ids: z.array(z.string().regex(INDICATOR_ID)).min(1).max(MAX_REMOVE),
  /** Why these were chosen, e.g. "redundant: Defender detects the file". */
  selection: text(200).optional(),
});
export const removeIndicatorsParametersSchema = z.object({});

export const removeIndicatorsRequestSchema = storedRequestSchema('remove-indicators', removeIndicatorsTargetSchema, removeIndicatorsParametersSchema);
export type RemoveIndicatorsRequest = z.infer<typeof removeIndicatorsRequestSchema>;
