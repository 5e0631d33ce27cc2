import { z } from 'zod';
import { LIMITS } from './limits';
import { INDICATOR_ACTIONS, ISOLATION_TYPES, SEVERITIES, type BlockFileParameters, type BlockFileTarget, type IsolateParameters, type IsolateTarget } from './model';

/** A new request as the app hands it over (from a form: every field is outside input). */
export type NewRequestInput =
  | { kind: 'block-file'; target: BlockFileTarget; parameters: BlockFileParameters }
  | { kind: 'isolate-device'; target: IsolateTarget; parameters: IsolateParameters };

export type ValidInput = NewRequestInput & { reason: string };

export type Validation = { ok: true; input: ValidInput } | { ok: false; reason: 'invalid-input'; issues: string[] };

export interface ValidationContext {
  now: number;
  /** The indicator must still be valid when the approval window closes. */
  ttlMs: number;
  maxIndicatorLifetimeMs: number;
}

const trimmed = (max: number, what: string) => z.string().trim().min(1, `${what} is required`).max(max, `${what} is longer than ${max} characters`);
const optionalTrimmed = (max: number, what: string) => z.string().trim().max(max, `${what} is longer than ${max} characters`).optional().transform((v) => v || undefined);
/** Exactly the hex and length, nothing around it: a lookalike or a substring must not slip through. */
const hex = (length: number, what: string) =>
  z.string().regex(new RegExp(`^[0-9a-fA-F]{${length}}$`), `${what} must be exactly ${length} hex characters`).transform((v) => v.toLowerCase());

const blockFile = z.object({
  kind: z.literal('block-file'),
  target: z
    .object({ sha256: hex(64, 'SHA-256').optional(), sha1: hex(40, 'SHA-1').optional(), fileName: optionalTrimmed(LIMITS.fileName, 'file name'), verdict: optionalTrimmed(64, 'verdict') })
    .refine((t) => t.sha256 !== undefined || t.sha1 !== undefined, 'a SHA-256 or SHA-1 is required (MDE does not block MD5 from here)'),
  parameters: z
    .object({
      action: z.enum(INDICATOR_ACTIONS).refine((a) => a !== 'Warn', 'Warn applies to Defender for Cloud Apps only, not to file hashes'),
      generateAlert: z.boolean(),
      severity: z.enum(SEVERITIES),
      expirationTime: z.iso.datetime({ offset: true, message: 'expiry must be an ISO 8601 time with a zone' }),
      title: trimmed(LIMITS.title, 'title'),
      description: trimmed(LIMITS.description, 'description'),
      rbacGroupNames: z.array(trimmed(LIMITS.rbacGroupName, 'device group name')).max(LIMITS.rbacGroups).optional(),
      recommendedActions: optionalTrimmed(LIMITS.recommendedActions, 'recommended actions'),
    })
    .refine((p) => p.action !== 'Audit' || p.generateAlert, 'Audit requires generateAlert (MDE refuses it otherwise)'),
});

const isolate = z.object({
  kind: z.literal('isolate-device'),
  target: z.object({ machineId: hex(40, 'machine id'), computerDnsName: optionalTrimmed(LIMITS.computerDnsName, 'device name') }),
  parameters: z.object({ isolationType: z.enum(ISOLATION_TYPES) }),
});

const schema = z.intersection(z.discriminatedUnion('kind', [blockFile, isolate]), z.object({ reason: trimmed(LIMITS.reason, 'reason') }));

/** Checks and normalises a new request (lower-case hex, trimmed text, deduplicated groups). */
export function validateInput(raw: unknown, context: ValidationContext): Validation {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: 'invalid-input', issues: parsed.error.issues.map((i) => `${i.path.join('.') || 'request'}: ${i.message}`) };
  const input = parsed.data as ValidInput;
  if (input.kind !== 'block-file') return { ok: true, input: { ...input, target: dropUndefined(input.target) } };

  const expiry = Date.parse(input.parameters.expirationTime);
  const issues: string[] = [];
  if (expiry <= context.now + context.ttlMs) issues.push('parameters.expirationTime: expiry must be after the approval window closes');
  if (expiry > context.now + context.maxIndicatorLifetimeMs) issues.push('parameters.expirationTime: expiry is further out than policy allows');
  if (issues.length > 0) return { ok: false, reason: 'invalid-input', issues };

  const groups = input.parameters.rbacGroupNames;
  const parameters = { ...input.parameters, expirationTime: new Date(expiry).toISOString() };
  // An empty list means "all devices" to MDE, the same as leaving the field out.
  parameters.rbacGroupNames = groups && groups.length > 0 ? [...new Set(groups)] : undefined;
  return { ok: true, input: { ...input, parameters: dropUndefined(parameters), target: dropUndefined(input.target) } };
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
