import type { MdeError } from '../mde/errors';
import type { ContainmentRequest } from './model';
import type { ContainmentPolicy } from './policy';
import type { ActionKind, ActionKinds, ActionPolicy } from './action-kind';
import type { AuditSink, Clock, IdGenerator } from './ports';
import type { Refusal } from './refusal';
import type { ContainmentRepository } from './repository';

/** Housekeeping that failed without changing any outcome (the sweep finishes it); for the log. */
export type Warn = (event: string, fields: Record<string, unknown>) => void;

/** What the service's flows share. Built once by createContainmentService. */
export interface ServiceDeps {
  repo: ContainmentRepository;
  audit: AuditSink;
  /** The response actions this Verdict runs (src/response-actions/registry.ts). */
  kinds: ActionKinds;
  /** Per-kind policy from config (ACTION_POLICY), over each kind's default. */
  actionPolicy: ReadonlyMap<string, ActionPolicy>;
  clock: Clock;
  ids: IdGenerator;
  policy: ContainmentPolicy;
  warn: Warn;
}

/** A refusal, with the request when the clicker may see it (same tenant), to redraw its card. */
export type ServiceRefusal = Refusal & { request?: ContainmentRequest };

/**
 * The audit journal did not take the entry. Before any MDE call this means nothing happened (the
 * step was undone); after one, `request` holds the real outcome, flagged `auditPending` until the
 * recovery sweep journals it. Either way the user must not be told it simply worked.
 */
export interface AuditUnavailable {
  ok: false;
  reason: 'audit-unavailable';
  request?: ContainmentRequest;
  /** False when undoing the step failed too (storage also down); recovery cleans up. */
  undone?: boolean;
}

export type RequestResult =
  /**
   * `notes`: what the kind's pre-check had to say (e.g. an indicator quota near its limit). A
   * kind whose policy needs no approval has run already: `request` is its outcome.
   */
  | { ok: true; request: ContainmentRequest; notes?: Record<string, unknown> }
  | { ok: false; reason: 'invalid-input'; issues: string[] }
  /** The kind's pre-check refused: its own code and detail (as journaled). */
  | { ok: false; reason: 'precheck-refused'; refusal: { reason: string; detail: Record<string, unknown> } }
  /** A pre-check's MDE call failed; render with the app's mdeFailureCard(error, …). */
  | { ok: false; reason: 'precheck-failed'; error: MdeError }
  | ServiceRefusal
  | AuditUnavailable;

/** `ok` means the step happened: for an approval, `request.state` is `succeeded` or `failed`. */
export type DecideResult = { ok: true; request: ContainmentRequest } | ServiceRefusal | AuditUnavailable;

/** The kind that owns a loaded request (the repository loads only registered kinds). */
export function kindOf(deps: Pick<ServiceDeps, 'kinds'>, request: Pick<ContainmentRequest, 'kind' | 'id'>): ActionKind {
  const kind = deps.kinds.get(request.kind);
  if (!kind) throw new Error(`containment request ${request.id} is of kind ${request.kind}, which this Verdict does not run`);
  return kind;
}
