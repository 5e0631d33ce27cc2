import { z } from 'zod';

/** A response action kind's policy as configured: who may ask, and whether an approver decides. */
export interface ConfiguredActionPolicy {
  requestRole: 'reader' | 'responder' | 'approver';
  approval: 'four-eyes' | 'none';
}

const ENTRY = /^([a-z][a-z0-9]*(?:-[a-z0-9]+)*)=(reader|responder|approver):(four-eyes|none)$/;

/**
 * ACTION_POLICY: per-kind policy over each kind's default, as a comma-separated list of
 * `kind=role:approval`, e.g. `av-scan=responder:none,isolate-device=responder:four-eyes`. Role is
 * who may request it (reader, responder, approver); approval is `four-eyes` (an approver decides)
 * or `none` (it runs as soon as it is requested, journaled as approved by policy). Which kinds
 * exist is checked at start against the registry (src/main.ts); here only the form, and each kind
 * once. A Map, so a kind named like an Object member is only a name.
 */
export const actionPolicySchema = z
  .string()
  .optional()
  .transform((v, ctx) => {
    const policies = new Map<string, ConfiguredActionPolicy>();
    for (const raw of (v ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
      const m = ENTRY.exec(raw);
      if (!m) {
        ctx.addIssue({ code: 'custom', message: 'each entry must be kind=role:approval (role: reader, responder or approver; approval: four-eyes or none), e.g. isolate-device=responder:four-eyes' });
        return z.NEVER;
      }
      const [, kind = '', requestRole, approval] = m;
      if (policies.has(kind)) {
        ctx.addIssue({ code: 'custom', message: 'names a kind more than once' });
        return z.NEVER;
      }
      policies.set(kind, { requestRole: requestRole as ConfiguredActionPolicy['requestRole'], approval: approval as ConfiguredActionPolicy['approval'] });
    }
    return policies as ReadonlyMap<string, ConfiguredActionPolicy>;
  });
