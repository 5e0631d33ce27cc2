import type { ActionKind } from './action-kind';
import type { ContainmentRequest } from './model';
import { SYSTEM_ACTOR, type Actor, type ContainmentAuditEntry } from './ports';
import type { RefusalReason } from './refusal';

/**
 * Audit entries for the journal. One per transition, built from the request's newest history
 * entry, so the journal and the stored history say the same thing; `seq` (the history index)
 * lets a reader spot an entry re-sent by recovery.
 */
export function transitionEntry(kind: ActionKind, request: ContainmentRequest, extra: Record<string, unknown> = {}): ContainmentAuditEntry {
  const seq = request.history.length - 1;
  const step = request.history[seq];
  if (!step) throw new Error(`containment request ${request.id} has no history`);
  const base = { kind: request.kind, tenantId: request.tenantId, seq, from: step.from, to: step.to, at: step.at };
  return { type: `containment.${step.to}`, actor: step.by ? { ...step.by } : { ...SYSTEM_ACTOR }, requestId: request.id, data: plain({ ...base, ...details(kind, request), ...extra }) };
}

function details(kind: ActionKind, request: ContainmentRequest): Record<string, unknown> {
  switch (request.state) {
    case 'requested':
      return {
        target: request.target,
        parameters: request.parameters,
        // What the kind's pre-check stored (e.g. the indicator a block supersedes).
        ...Object.fromEntries((kind.storedFacts ?? []).map((key) => [key, (request as Record<string, unknown>)[key]])),
        reason: request.reason,
        requester: request.requester,
        expiresAt: request.expiresAt,
        conversationId: request.conversation.id,
      };
    case 'approved':
    case 'denied':
    case 'cancelled':
      return { comment: request.decision?.comment, byPolicy: request.decision?.byPolicy };
    case 'executing':
      return { mde: kind.callSummary(request) };
    case 'succeeded':
      return { mdeId: request.execution?.mdeId, mdeStatus: request.execution?.mdeStatus, note: request.execution?.note };
    case 'failed':
      return { error: request.execution?.error, note: request.execution?.note };
    case 'expired':
      return { expiresAt: request.expiresAt };
  }
}

/** A refused click or request: who tried what, and why it was refused. */
export function refusalEntry(
  verb: string,
  actor: Pick<Actor, 'aadObjectId' | 'name'>,
  reason: RefusalReason | string,
  about: { requestId?: string; tenantId?: string; state?: string; detail?: unknown } = {},
): ContainmentAuditEntry {
  const { requestId, ...data } = about;
  return {
    type: 'containment.refused',
    actor: { aadObjectId: actor.aadObjectId, name: actor.name },
    ...(requestId === undefined ? {} : { requestId }),
    data: plain({ verb, reason, ...data }),
  };
}

/** The journal hashes canonical JSON: no undefined members, no class instances. */
export function plain(value: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
}
