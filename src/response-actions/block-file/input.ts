import { z } from 'zod';
import type { CheckContext, KindInput } from '../../containment/action-kind';
import { hex, optionalTrimmed, trimmed } from '../form-rules';
import { BLOCK_LIMITS, INDICATOR_ACTIONS, SEVERITIES, type BlockFileRequest } from './request';

/** The indicator may live at most this long from the request (a year). */
export const MAX_INDICATOR_LIFETIME_MS = 365 * 24 * 60 * 60_000;

/** The form's rules for a block: lower-case hex, trimmed text, MDE's refusals said before asking. */
export const blockFileInput = z.object({
  target: z
    .object({ sha256: hex(64, 'SHA-256').optional(), sha1: hex(40, 'SHA-1').optional(), fileName: optionalTrimmed(BLOCK_LIMITS.fileName, 'file name'), verdict: optionalTrimmed(64, 'verdict') })
    .refine((t) => t.sha256 !== undefined || t.sha1 !== undefined, 'a SHA-256 or SHA-1 is required (MDE does not block MD5 from here)'),
  parameters: z
    .object({
      action: z.enum(INDICATOR_ACTIONS).refine((a) => a !== 'Warn', 'Warn applies to Defender for Cloud Apps only, not to file hashes'),
      generateAlert: z.boolean(),
      severity: z.enum(SEVERITIES),
      expirationTime: z.iso.datetime({ offset: true, message: 'expiry must be an ISO 8601 time with a zone' }),
      title: trimmed(BLOCK_LIMITS.title, 'title'),
      description: trimmed(BLOCK_LIMITS.description, 'description'),
      rbacGroupNames: z.array(trimmed(BLOCK_LIMITS.rbacGroupName, 'device group name')).max(BLOCK_LIMITS.rbacGroups).optional(),
      recommendedActions: optionalTrimmed(BLOCK_LIMITS.recommendedActions, 'recommended actions'),
    })
    .refine((p) => p.action !== 'Audit' || p.generateAlert, 'Audit requires generateAlert (MDE refuses it otherwise)'),
});

/**
 * The expiry against the clock: after the approval window closes (the indicator must still be
 * valid when it is approved) and within `maxLifetimeMs`; stored as UTC; groups deduplicated.
 */
export function checkBlockFile(input: KindInput<BlockFileRequest>, context: CheckContext, maxLifetimeMs = MAX_INDICATOR_LIFETIME_MS): { ok: true; input: KindInput<BlockFileRequest> } | { ok: false; issues: string[] } {
  const expiry = Date.parse(input.parameters.expirationTime);
  const issues: string[] = [];
  if (expiry <= context.now + context.ttlMs) issues.push('parameters.expirationTime: expiry must be after the approval window closes');
  if (expiry > context.now + maxLifetimeMs) issues.push('parameters.expirationTime: expiry is further out than policy allows');
  if (issues.length > 0) return { ok: false, issues };
  const groups = input.parameters.rbacGroupNames;
  // An empty list means "all devices" to MDE, the same as leaving the field out.
  const parameters = { ...input.parameters, expirationTime: new Date(expiry).toISOString(), rbacGroupNames: groups && groups.length > 0 ? [...new Set(groups)] : undefined };
  return { ok: true, input: { target: input.target, parameters } };
}
