import { z } from 'zod';

/**
 * A containment request as stored. The schema is applied on every load: stored data is input too
 * (a hand-edited file store, an older version, a bug elsewhere must not become authority).
 */

export const REQUEST_STATES = ['requested', 'approved', 'executing', 'succeeded', 'failed', 'denied', 'expired', 'cancelled'] as const;
export type RequestState = (typeof REQUEST_STATES)[number];

/** States nothing can leave. */
export const TERMINAL_STATES: ReadonlySet<RequestState> = new Set(['succeeded', 'failed', 'denied', 'expired', 'cancelled']);

/** 128 random bits as base64url is 22 characters; anything of this alphabet and size is accepted. */
export const REQUEST_ID = /^[A-Za-z0-9_-]{8,64}$/;

export const isoTime = z.iso.datetime({ offset: true });
/** A Bot Connector endpoint (https in Teams; http on loopback for the Playground). */
export const serviceUrlSchema = z.url({ protocol: /^https?$/ }).max(2048);
export const text = (max: number) => z.string().max(max);

export const personSchema = z.object({ aadObjectId: z.string().min(1).max(128), name: text(256) });
export type Person = z.infer<typeof personSchema>;

export const executionErrorSchema = z.object({
  /** An MdeErrorKind, or `interrupted` (process died mid-call, reconciled as not done) or `unknown`. */
  kind: text(32),
  code: text(128).optional(),
  status: z.number().int().optional(),
  correlationId: text(256).optional(),
  operation: text(64).optional(),
  permissions: z.array(text(128)).optional(),
  message: text(2048),
});
export type ExecutionError = z.infer<typeof executionErrorSchema>;

/** Why an execution ended as it did, where the plain state does not say it all. */
export const EXECUTION_NOTES = ['already-pending', 'reconciled', 'confirmed-after-error', 'outcome-unknown', 'interrupted'] as const;
export type ExecutionNote = (typeof EXECUTION_NOTES)[number];

const common = {
  id: z.string().regex(REQUEST_ID),
  state: z.enum(REQUEST_STATES),
  tenantId: z.string().min(1).max(128),
  requester: personSchema,
  createdAt: isoTime,
  expiresAt: isoTime,
  reason: text(2000),
  /** `byPolicy`: no approver decided; the kind's policy needs none (ActionPolicy `approval: 'none'`). */
  decision: z.object({ by: personSchema, at: isoTime, comment: text(2000).optional(), byPolicy: z.literal(true).optional() }).optional(),
  execution: z
    .object({
      /** Absent only when an approved request failed before it started (recovery). */
      startedAt: isoTime.optional(),
      finishedAt: isoTime.optional(),
      mdeId: text(256).optional(),
      mdeStatus: text(64).optional(),
      /** When `mdeStatus` was last seen to change (a kind with follow-through: followed until a final status). */
      mdeStatusAt: isoTime.optional(),
      /** Why Verdict stopped following the action before a final status (`gave-up`, `not-found`). */
      followEnded: z.enum(['gave-up', 'not-found']).optional(),
      note: z.enum(EXECUTION_NOTES).optional(),
      error: executionErrorSchema.optional(),
    })
    .optional(),
  /**
   * Where the approval card is: enough to update it proactively (serviceUrl from the request's
   * activity). `originActivityId` is the card the requester clicked (their verdict card), redrawn
   * as the request moves on; `type` and `requesterId` (Teams MRI) address the requester's news.
   */
  conversation: z.object({
    id: z.string().min(1).max(1024),
    activityId: text(1024).optional(),
    serviceUrl: serviceUrlSchema.optional(),
    originActivityId: text(1024).optional(),
    type: text(64).optional(),
    requesterId: text(256).optional(),
  }),
  history: z.array(
    z.object({ at: isoTime, from: z.enum(REQUEST_STATES).nullable(), to: z.enum(REQUEST_STATES), by: personSchema.optional() }),
  ),
  /** Bumped by every write; lets the repository tell its own write from someone else's. */
  revision: z.number().int().nonnegative(),
  /** Set while a post-MDE outcome is persisted but not yet in the audit journal (see recover.ts). */
  auditPending: z.boolean().optional(),
  /**
   * Approved and journaled, but its start was undone (the journal refused the 'executing' entry):
   * an approver's next click may start it. Never set on an approval the journal did not take.
   */
  resumable: z.boolean().optional(),
  eTag: z.string().optional(),
};

/**
 * The stored request of one kind: the core's common fields, the kind's name, its target and
 * parameters, and any top-level facts its pre-check stores (`extra`). Each kind builds its schema
 * with this (src/containment/action-kind.ts, `stored`), so the core's fields are the same for all.
 */
export function storedRequestSchema<K extends string, T extends z.ZodType, P extends z.ZodType, E extends z.ZodRawShape = {}>(kind: K, target: T, parameters: P, extra?: E) {
  return z.object({ ...common, kind: z.literal(kind), target, parameters, ...((extra ?? {}) as E) });
}

/**
 * A request as the core sees it: common fields, whatever kind. Its target and parameters are the
 * kind's business (checked by the kind's `stored` schema on every load); the core never reads them.
 */
export const anyRequestSchema = z.object({ ...common, kind: text(64), target: z.record(z.string(), z.unknown()), parameters: z.record(z.string(), z.unknown()) });
export type ContainmentRequest = z.infer<typeof anyRequestSchema>;
export type HistoryEntry = ContainmentRequest['history'][number];

/** The decider recorded when a kind's policy needs no approval (`decision.byPolicy`). */
export const POLICY_DECIDER: Readonly<Person> = Object.freeze({ aadObjectId: 'verdict-policy', name: 'policy (no approval needed)' });
