import { z } from 'zod';
import { storedRequestSchema, text } from '../../containment/model';
import { bulkActionSchema } from '../../devices/bulk/bulk-action';
import { MAX_DEVICE_SET } from '../../devices/limits';

/**
 * A device-set request as stored: the devices (ids and Defender's names, at most 1,000), where
 * the set came from (for the approver: the query, the list, the file), and the action with its
 * MDE parameters. One request covers the whole set; an approver decides once.
 */
export const deviceSetTargetSchema = z.object({
  setId: text(64),
  /** "a hunting query: DeviceInfo | …", "a pasted list of 12 entries"… (plain text, escaped when shown). */
  source: text(2_100),
  devices: z.array(z.object({ id: z.string().regex(/^[0-9a-f]{40}$/), name: text(300) })).min(1).max(MAX_DEVICE_SET),
});
export type DeviceSetTarget = z.infer<typeof deviceSetTargetSchema>;

export const deviceSetParametersSchema = z.object({ action: bulkActionSchema });

export const deviceSetRequestSchema = (kind: string) => storedRequestSchema(kind, deviceSetTargetSchema, deviceSetParametersSchema);
export type DeviceSetRequest = z.infer<ReturnType<typeof deviceSetRequestSchema>>;
