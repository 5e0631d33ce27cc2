import type { KeyValueStore } from '../util/key-value-store';

/**
 * What the containment domain needs from the outside, as interfaces. Adapters over the real
 * MdeClient, the audit journal and the state store are written elsewhere; tests use fakes.
 * Every gateway method throws `MdeError` (src/mde/errors.ts) on an MDE failure.
 */

/** Same literal union as src/access's `Role`; structural, so either can be passed. */
export type ContainmentRole = 'reader' | 'responder' | 'approver';

/** Who clicked, with the roles the caller resolved server-side for THIS click (never card data). */
export interface Actor {
  aadObjectId: string;
  name: string;
  roles: ReadonlySet<ContainmentRole>;
}

/** An indicator already in MDE for a hash (GET /api/indicators?$filter=indicatorValue eq '…'). */
export interface ExistingIndicator {
  id: string;
  action: string;
  /** ISO time, or null for an indicator that never expires. */
  expirationTime: string | null;
  /** UPN or app id (`createdBy`). */
  createdBy: string | null;
  /** MDE's `createdByDisplayName` (e.g. an app's name): what people are shown instead of an app id. */
  createdByName?: string | null;
  indicatorType?: string;
  title?: string | null;
}

/** The body of POST /api/indicators, with MDE's exact (case-sensitive) field names. */
export interface IndicatorSubmission {
  indicatorValue: string;
  indicatorType: 'FileSha256' | 'FileSha1';
  action: 'Block' | 'BlockAndRemediate' | 'Audit' | 'Warn' | 'Allowed';
  title: string;
  description: string;
  expirationTime: string;
  severity: 'Informational' | 'Low' | 'Medium' | 'High';
  generateAlert: boolean;
  /** Sent as a JSON array (the docs' table says comma-separated; their example and ours send an array). */
  rbacGroupNames?: string[];
  recommendedActions?: string;
}

export interface IndicatorGateway {
  /**
   * The indicator on exactly this hash value, or null. With only `Ti.ReadWrite` MDE shows the app
   * its own indicators, so portal-made ones are invisible: grant `Ti.ReadWrite.All`.
   */
  findExisting(value: string): Promise<ExistingIndicator | null>;
  /** Active indicators in the tenant (as visible to the app), for the 15,000 cap. */
  activeCount(): Promise<number>;
  /** POST /api/indicators (200 with the Indicator). Not idempotent-safe to retry: never retried here. */
  submit(input: IndicatorSubmission): Promise<{ id: string }>;
}

/** The parts of MDE's MachineAction entity the domain uses. */
export interface MachineActionSummary {
  id: string;
  /** `Isolate`, `Unisolate`, … */
  type: string;
  /** `Pending`, `InProgress`, `Succeeded`, `Failed`, `TimeOut`, `Cancelled`. */
  status: string;
  creationDateTimeUtc?: string;
  requestorComment?: string | null;
}

export type IsolateOutcome =
  /** 201 with a MachineAction. */
  | { kind: 'created'; action: MachineActionSummary }
  /** 400 `ActiveRequestAlreadyExists` or "already in progress": MDE already has one under way. */
  | { kind: 'already-pending'; actionId?: string };

export interface MachineActionGateway {
  /** A Pending/InProgress Isolate action on the machine (GET /api/machineactions?$filter=…), or null. */
  pendingIsolation(machineId: string): Promise<MachineActionSummary | null>;
  /** POST /api/machines/{id}/isolate `{ Comment, IsolationType }`. */
  isolate(machineId: string, comment: string, isolationType: 'Full' | 'Selective'): Promise<IsolateOutcome>;
  /** The newest Isolate action on the machine created at or after `since` (ISO), or null. */
  findRecentIsolation(machineId: string, since: string): Promise<MachineActionSummary | null>;
  /** GET /api/machineactions/{id}; null on 404. */
  getAction(id: string): Promise<MachineActionSummary | null>;
}

/** The containment entry types; all are in src/audit/journal.ts's AUDIT_ENTRY_TYPES. */
export type ContainmentAuditType =
  | 'containment.requested'
  | 'containment.approved'
  | 'containment.denied'
  | 'containment.refused'
  | 'containment.executing'
  | 'containment.succeeded'
  | 'containment.failed'
  | 'containment.expired'
  | 'containment.cancelled'
  /** A followed MachineAction changed status in MDE (or Verdict stopped following it). */
  | 'containment.action-status';

/**
 * What containment journals: structurally an `AuditEntryInput` of src/audit/journal.ts (the
 * journal adds seq, at and the hash chain to make an `AuditEntry`), so the
 * journal itself can be passed as the AuditSink. `data` is plain JSON (undefined members dropped).
 */
export interface ContainmentAuditEntry {
  type: ContainmentAuditType;
  /** A person, or Verdict itself (`SYSTEM_ACTOR`) for sweeps, execution steps and recovery. */
  actor: { aadObjectId?: string; name?: string };
  requestId?: string;
  data: Record<string, unknown>;
}

export interface AuditSink {
  /** Resolves once the entry is durably in the journal; rejects otherwise. */
  append(entry: ContainmentAuditEntry): Promise<unknown>;
}

/**
 * The state store the repository uses: src/util's key-value port (botbuilder's `Storage` fits it
 * structurally, so MemoryStorage, BlobsStorage and src/store's file store need no SDK import here).
 */
export type StateStore = KeyValueStore;

/** Milliseconds since the epoch. */
export type Clock = () => number;
export type IdGenerator = () => string;

/** The journal's actor for steps Verdict takes on its own (as src/audit/journal.ts suggests). */
export const SYSTEM_ACTOR: Readonly<{ name: string }> = { name: 'verdict' };
