import type { z } from 'zod';
import type { ContainmentRequest, ExecutionError, ExecutionNote } from './model';
import type { ContainmentRole } from './ports';

/**
 * The domain side of a response action ("kind"): everything containment needs to know about one
 * kind of action, and nothing else does. The state machine, four-eyes, TTL, journaling, recovery
 * and the follower are written once (src/containment) and call a kind only through this. A kind
 * lives in its own folder (src/response-actions/<kind>/) and is listed once in
 * src/response-actions/registry.ts; no botbuilder, no cards here.
 *
 * `R` is the kind's stored request type; every method is given a request its own `stored` schema
 * has accepted (the core only hands a kind its own requests).
 */
export interface ActionKind<R extends ContainmentRequest = ContainmentRequest> {
  /** The stored `kind` value, kebab-case, e.g. `block-file`. Never renamed: stored requests carry it. */
  readonly kind: string;
  /**
   * The whole stored request of this kind, applied on every load (stored data is input too). Build
   * it with `storedRequestSchema` (src/containment/model.ts) so the common fields are the core's.
   */
  readonly stored: z.ZodType<R>;
  /**
   * Top-level fields of `stored` beyond target and parameters that `precheck` may set (e.g. the
   * indicator a block supersedes); the `requested` journal entry records them.
   */
  readonly storedFacts?: readonly string[];
  /** The form's rules for `{ target, parameters }` (outside input: every field). Issues name their path. */
  readonly input: z.ZodType<KindInput<R>>;
  /** Checks the schema cannot express (times against the clock) and normalisation; issues as `path: message`. */
  check?(input: KindInput<R>, context: CheckContext): { ok: true; input: KindInput<R> } | { ok: false; issues: string[] };
  /** Who may ask and whether an approver must decide; config may override it per kind (ACTION_POLICY). */
  readonly policy: ActionPolicy;
  /**
   * Read-only checks against MDE before the request is stored: refuse (journaled with `reason` and
   * `detail`), or pass with `facts` to store on the request and `notes` for the requester (also
   * journaled with the `requested` entry). Throws MdeError when MDE cannot answer (`precheck-failed`).
   */
  precheck(input: KindInput<R>, context: PrecheckContext): Promise<PrecheckResult>;
  /**
   * Whether this request must not be opened beside one still in flight from Verdict (e.g. a
   * release while an isolation of the same device waits or runs). `others` are the tenant's
   * requests not yet ended (open, approved, running, or still followed), newest last, from the
   * shared store: the rule holds across instances. Checked before the pre-check and again right
   * after the request is stored, against the older ones only, so of two simultaneous conflicting
   * requests exactly one stays (see request-flow.ts).
   */
  conflict?(input: KindInput<R>, others: readonly ContainmentRequest[]): ConflictRefusal | null;
  /** What the `executing` journal entry records about the call about to be made (`operation` first). */
  callSummary(request: R): Record<string, unknown>;
  /**
   * The MDE call(s), made exactly once (the core never calls it twice for one request). Returns the
   * outcome, or throws MdeError: a definite refusal fails the request, anything unclear is settled
   * by `evidence`.
   */
  execute(request: R, context: RunContext): Promise<ActionOutcome>;
  /**
   * Read-only: does MDE show the effect of `request`? Used after an unclear failure and by
   * recovery after a restart, instead of ever repeating a call MDE may have taken. Throws MdeError.
   */
  evidence(request: R, context: EvidenceContext): Promise<Evidence>;
  /** For kinds whose MDE call starts a machine action: how to follow it to a final status. */
  readonly follow?: FollowThrough<R>;
}

/** Who may request a kind, and whether a request waits for an approver (`none`: it runs at once). */
export interface ActionPolicy {
  requestRole: ContainmentRole;
  /**
   * `four-eyes`: an approver decides (and with CONTAINMENT_FOUR_EYES on, never the requester).
   * `none`: requested → approved by policy → executing at once, journaled the same way.
   */
  approval: 'four-eyes' | 'none';
}

export type KindInput<R extends ContainmentRequest = ContainmentRequest> = Pick<R, 'target' | 'parameters'>;

export interface CheckContext {
  now: number;
  /** How long a request may wait for a decision (e.g. an indicator must outlive it). */
  ttlMs: number;
}

export interface PrecheckContext {
  now: number;
}

export type PrecheckResult =
  | { ok: true; facts?: Record<string, unknown>; notes?: Record<string, unknown> }
  /** `reason` is the kind's own code (e.g. `already-blocked`); `detail` goes to the journal and back to the form's handler. */
  | { ok: false; reason: string; detail: Record<string, unknown> };

/** A refusal of `conflict`: journaled like a pre-check refusal (`reason`, `detail`). */
export interface ConflictRefusal {
  reason: string;
  detail: Record<string, unknown>;
}

export interface RunContext {
  now(): number;
  /** Housekeeping trouble that changes no outcome, for the log. */
  warn(event: string, fields: Record<string, unknown>): void;
}

export interface EvidenceContext extends RunContext {
  /** When the call was (or would have been) made, ms since the epoch. */
  startedAt: number;
}

/** What an MDE call ended with. `status` is what MDE reports (an indicator has none: `Active`). */
export type ActionOutcome =
  | { type: 'succeed'; mdeId?: string; status: string; note?: ExecutionNote }
  | { type: 'fail'; error: ExecutionError; note?: ExecutionNote };

/** What MDE shows for a request whose call may or may not have gone through. */
export type Evidence = { found: true; mdeId: string; mdeStatus: string } | { found: false; detail: string };

export interface FollowThrough<R extends ContainmentRequest = ContainmentRequest> {
  /** The action's status now (GET by id); null when MDE no longer has it. Throws MdeError. */
  status(mdeId: string): Promise<string | null>;
  /** A status MDE never leaves. */
  isFinal(status: string): boolean;
  /** What the `action-status` journal entries record about the target (e.g. `{ machineId }`). */
  statusFacts(request: R): Record<string, unknown>;
}

/** The kinds one Verdict runs, by stored name. Built once from the registry's list. */
export type ActionKinds = ReadonlyMap<string, ActionKind>;

/** A kebab-case name that is safe as a stored value and a map key. */
const KIND_NAME = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/** The registry's list as a lookup; a repeated or malformed name is a programming error, thrown at start. */
export function actionKinds(list: readonly ActionKind<any>[]): ActionKinds {
  const kinds = new Map<string, ActionKind>();
  for (const kind of list) {
    if (!KIND_NAME.test(kind.kind) || kind.kind.length > 64) throw new Error(`response action kind "${kind.kind}" is not a kebab-case name`);
    if (kinds.has(kind.kind)) throw new Error(`response action kind "${kind.kind}" is registered twice`);
    kinds.set(kind.kind, kind as ActionKind);
  }
  return kinds;
}

/** The policy a kind runs under: its own default, or the configured override for it. */
export function policyOf(kind: ActionKind, overrides?: ReadonlyMap<string, ActionPolicy>): ActionPolicy {
  return overrides?.get(kind.kind) ?? kind.policy;
}

/** An action MDE accepted whose status is still followed: a kind with follow-through, not final yet. */
export function followsAction(request: ContainmentRequest, kind: ActionKind | undefined): boolean {
  const e = request.execution;
  if (!kind?.follow || request.state !== 'succeeded' || !e?.mdeId || e.followEnded) return false;
  return !kind.follow.isFinal(e.mdeStatus ?? '');
}
