import type { MdeError } from '../mde/errors';
import type { ContainmentRequest } from './model';
import type { ContainmentPolicy } from './policy';
import type { AuditSink, Clock, ExistingIndicator, IdGenerator, IndicatorGateway, MachineActionGateway, MachineActionSummary } from './ports';
import type { Refusal } from './refusal';
import type { ContainmentRepository } from './repository';

/** Housekeeping that failed without changing any outcome (the sweep finishes it); for the log. */
export type Warn = (event: string, fields: Record<string, unknown>) => void;

/** What the service's flows share. Built once by createContainmentService. */
export interface ServiceDeps {
  repo: ContainmentRepository;
  audit: AuditSink;
  indicators: IndicatorGateway;
  machines: MachineActionGateway;
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

export interface Quota {
  used: number;
  limit: number;
  /** At or above the warning ratio: the card should say so. */
  nearLimit: boolean;
}

export type RequestResult =
  | { ok: true; request: ContainmentRequest; quota?: Quota }
  | { ok: false; reason: 'invalid-input'; issues: string[] }
  | { ok: false; reason: 'already-blocked'; existing: ExistingIndicator }
  | { ok: false; reason: 'already-pending'; existing: MachineActionSummary }
  | { ok: false; reason: 'quota-exceeded'; quota: Quota }
  /** A pre-check's MDE call failed; render with the app's mdeFailureCard(error, …). */
  | { ok: false; reason: 'precheck-failed'; error: MdeError }
  | ServiceRefusal
  | AuditUnavailable;

/** `ok` means the step happened: for an approval, `request.state` is `succeeded` or `failed`. */
export type DecideResult = { ok: true; request: ContainmentRequest } | ServiceRefusal | AuditUnavailable;
