import { z } from 'zod';
import { isoTime, storedRequestSchema, text } from '../../containment/model';

/** A block-file request as stored: an indicator on the file's hash, as the approver saw it. */

export const SHA256 = /^[0-9a-f]{64}$/;
export const SHA1 = /^[0-9a-f]{40}$/;

export const INDICATOR_ACTIONS = ['Block', 'BlockAndRemediate', 'Audit', 'Warn', 'Allowed'] as const;
export const SEVERITIES = ['Informational', 'Low', 'Medium', 'High'] as const;

/**
 * Input limits for new block requests. MDE documents `title` and `description` as required but
 * gives no maximum length (post-ti-indicator); these bounds are ours, chosen well inside what the
 * portal shows in full and small enough for an approval card. UNCONFIRMED against MDE's own limits.
 */
export const BLOCK_LIMITS = {
  title: 100,
  description: 1_000,
  recommendedActions: 1_000,
  fileName: 260,
  rbacGroupName: 256,
  rbacGroups: 50,
} as const;

export const blockFileTargetSchema = z.object({
  sha256: z.string().regex(SHA256).optional(),
  sha1: z.string().regex(SHA1).optional(),
  fileName: text(1024).optional(),
  verdict: text(64).optional(),
});
export type BlockFileTarget = z.infer<typeof blockFileTargetSchema>;

export const blockFileParametersSchema = z.object({
  action: z.enum(INDICATOR_ACTIONS),
  generateAlert: z.boolean(),
  severity: z.enum(SEVERITIES),
  expirationTime: isoTime,
  title: text(1024),
  description: text(8192),
  rbacGroupNames: z.array(text(256)).max(100).optional(),
  recommendedActions: text(8192).optional(),
});
export type BlockFileParameters = z.infer<typeof blockFileParametersSchema>;

/**
 * A live indicator on the file that does less than (or the opposite of) the requested one, found
 * by the pre-check. Approving does not duplicate it: `replaced` when MDE updates this very
 * indicator (POST upserts on the same value and type); otherwise it is on the other hash and stays,
 * and the new SHA-256 indicator takes precedence (the longer hash wins conflicts).
 */
export const supersededIndicatorSchema = z.object({
  id: text(128),
  action: text(64),
  hash: z.enum(['sha256', 'sha1']),
  replaced: z.boolean(),
  /** As MDE sent it; null when it never expires. */
  expirationTime: text(64).nullable().optional(),
  createdBy: text(256).nullable().optional(),
});
export type SupersededIndicator = z.infer<typeof supersededIndicatorSchema>;

export const blockFileRequestSchema = storedRequestSchema('block-file', blockFileTargetSchema, blockFileParametersSchema, { supersedes: supersededIndicatorSchema.optional() });
export type BlockFileRequest = z.infer<typeof blockFileRequestSchema>;

/** The hash a block-file request submits: SHA-256 when known (the longer hash wins MDE conflicts). */
export function indicatorOf(target: BlockFileTarget): { value: string; type: 'FileSha256' | 'FileSha1' } | undefined {
  if (target.sha256) return { value: target.sha256, type: 'FileSha256' };
  if (target.sha1) return { value: target.sha1, type: 'FileSha1' };
  return undefined;
}
