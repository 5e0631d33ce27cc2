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
export const MACHINE_ID = /^[0-9a-f]{40}$/;
export const SHA256 = /^[0-9a-f]{64}$/;
export const SHA1 = /^[0-9a-f]{40}$/;

const isoTime = z.iso.datetime({ offset: true });
/** A Bot Connector endpoint (https in Teams; http on loopback for the Playground). */
export const serviceUrlSchema = z.url({ protocol: /^https?$/ }).max(2048);
const text = (max: number) => z.string().max(max);

export const personSchema = z.object({ aadObjectId: z.string().min(1).max(128), name: text(256) });
export type Person = z.infer<typeof personSchema>;

export const INDICATOR_ACTIONS = ['Block', 'BlockAndRemediate', 'Audit', 'Warn', 'Allowed'] as const;
export const SEVERITIES = ['Informational', 'Low', 'Medium', 'High'] as const;
export const ISOLATION_TYPES = ['Full', 'Selective'] as const;

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

export const isolateTargetSchema = z.object({ machineId: z.string().regex(MACHINE_ID), computerDnsName: text(255).optional() });
export type IsolateTarget = z.infer<typeof isolateTargetSchema>;

export const isolateParametersSchema = z.object({ isolationType: z.enum(ISOLATION_TYPES) });
export type IsolateParameters = z.infer<typeof isolateParametersSchema>;

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
  decision: z.object({ by: personSchema, at: isoTime, comment: text(2000).optional() }).optional(),
  execution: z
    .object({
      /** Absent only when an approved request failed before it started (recovery). */
      startedAt: isoTime.optional(),
      finishedAt: isoTime.optional(),
      mdeId: text(256).optional(),
      mdeStatus: text(64).optional(),
      /** When `mdeStatus` was last seen to change (isolation: followed until a final status). */
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

export const containmentRequestSchema = z.discriminatedUnion('kind', [
  z.object({ ...common, kind: z.literal('block-file'), target: blockFileTargetSchema, parameters: blockFileParametersSchema, supersedes: supersededIndicatorSchema.optional() }),
  z.object({ ...common, kind: z.literal('isolate-device'), target: isolateTargetSchema, parameters: isolateParametersSchema }),
]);

export type ContainmentRequest = z.infer<typeof containmentRequestSchema>;
export type ContainmentKind = ContainmentRequest['kind'];
export type BlockFileRequest = Extract<ContainmentRequest, { kind: 'block-file' }>;
export type IsolateRequest = Extract<ContainmentRequest, { kind: 'isolate-device' }>;
export type HistoryEntry = ContainmentRequest['history'][number];

/** MachineAction statuses MDE never leaves. Anything else (Pending, InProgress, new values) is followed. */
export const FINAL_ACTION_STATUSES: ReadonlySet<string> = new Set(['Succeeded', 'Failed', 'TimeOut', 'Cancelled']);

/** An isolation MDE accepted whose MachineAction has not reached a final status yet. */
export function followsAction(request: ContainmentRequest): boolean {
  const e = request.execution;
  return request.kind === 'isolate-device' && request.state === 'succeeded' && Boolean(e?.mdeId) && !e?.followEnded && !FINAL_ACTION_STATUSES.has(e?.mdeStatus ?? '');
}

/** The hash a block-file request submits: SHA-256 when known (the longer hash wins MDE conflicts). */
export function indicatorOf(target: BlockFileTarget): { value: string; type: 'FileSha256' | 'FileSha1' } | undefined {
  if (target.sha256) return { value: target.sha256, type: 'FileSha256' };
  if (target.sha1) return { value: target.sha1, type: 'FileSha1' };
  return undefined;
}
