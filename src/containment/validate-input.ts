import { z } from 'zod';
import type { ActionKind, ActionKinds, CheckContext, KindInput } from './action-kind';
import { LIMITS } from './limits';

/** A new request as the app hands it over (from a form: every field is outside input). */
export interface NewRequestInput {
  kind: string;
  target: Record<string, unknown>;
  parameters: Record<string, unknown>;
}

export type ValidInput = KindInput & { kind: string; reason: string };

export type Validation = { ok: true; input: ValidInput; kind: ActionKind } | { ok: false; reason: 'invalid-input'; issues: string[] };

export type ValidationContext = CheckContext;

const reasonSchema = z.object({ reason: z.string().trim().min(1, 'reason is required').max(LIMITS.reason, `reason is longer than ${LIMITS.reason} characters`) });

const issuesOf = (error: z.ZodError) => error.issues.map((i) => `${i.path.join('.') || 'request'}: ${i.message}`);

/**
 * Checks and normalises a new request: the kind by its exact name, then the kind's own rules for
 * target and parameters (and its extra checks), and the reason every kind needs.
 */
export function validateInput(raw: unknown, kinds: ActionKinds, context: ValidationContext): Validation {
  const record = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const name = record.kind;
  // A Map, not the record: the kind's name is outside input (`constructor` is a string too).
  const kind = typeof name === 'string' ? kinds.get(name) : undefined;
  const reason = reasonSchema.safeParse(record);
  const reasonIssues = reason.success ? [] : issuesOf(reason.error);
  if (!kind) return { ok: false, reason: 'invalid-input', issues: [`kind: not a response action Verdict runs (${[...kinds.keys()].join(', ')})`, ...reasonIssues] };

  const parsed = kind.input.safeParse({ target: record.target, parameters: record.parameters });
  if (!parsed.success) return { ok: false, reason: 'invalid-input', issues: [...issuesOf(parsed.error), ...reasonIssues] };
  if (!reason.success) return { ok: false, reason: 'invalid-input', issues: reasonIssues };
  const checked = kind.check ? kind.check(parsed.data, context) : { ok: true as const, input: parsed.data };
  if (!checked.ok) return { ok: false, reason: 'invalid-input', issues: checked.issues };
  const input = { kind: kind.kind, target: dropUndefined(checked.input.target), parameters: dropUndefined(checked.input.parameters), reason: reason.data.reason };
  return { ok: true, input, kind };
}

/** Stored JSON drops undefined anyway; dropping it here keeps in-memory and reloaded values equal. */
export function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
