import { z } from 'zod';
import { isoTime, storedRequestSchema, text } from '../../containment/model';
import { FILE_ACTIONS, NETWORK_ACTIONS, SEVERITIES } from './plan';

/**
 * A bulk block as stored: every IoC of the set (the approver approves exactly these) and the
 * form's choices. At most 15,000 items (the tenant cap), each value bounded.
 */
export const IOC_TYPES = ['FileSha256', 'FileSha1', 'FileMd5', 'IpAddress', 'DomainName', 'Url'] as const;
export const MAX_BULK_ITEMS = 15_000;

export const blockIndicatorsTargetSchema = z.object({
  items: z.array(z.object({ type: z.enum(IOC_TYPES), value: text(2048).min(1) })).min(1).max(MAX_BULK_ITEMS),
  /** Where the set came from, for the cards ("TA-2026-12 advisory, 12 not covered"). */
  source: text(200).optional(),
});
export type BlockIndicatorsTarget = z.infer<typeof blockIndicatorsTargetSchema>;

export const blockIndicatorsParametersSchema = z.object({
  fileAction: z.enum(FILE_ACTIONS),
  networkAction: z.enum(NETWORK_ACTIONS),
  severity: z.enum(SEVERITIES),
  expirationTime: isoTime.optional(),
  title: text(1024),
  description: text(8192),
  rbacGroupNames: z.array(text(256)).max(100).optional(),
});
export type BlockIndicatorsParameters = z.infer<typeof blockIndicatorsParametersSchema>;

export const blockIndicatorsRequestSchema = storedRequestSchema('block-indicators', blockIndicatorsTargetSchema, blockIndicatorsParametersSchema);
export type BlockIndicatorsRequest = z.infer<typeof blockIndicatorsRequestSchema>;

export const countsOf = (items: BlockIndicatorsTarget['items']) => ({
  files: items.filter((i) => i.type.startsWith('File')).length,
  network: items.filter((i) => !i.type.startsWith('File')).length,
});
