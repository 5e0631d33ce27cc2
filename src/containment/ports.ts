import type { KeyValueStore } from '../util/key-value-store';

/**
 * What the containment domain needs from the outside, as interfaces: the audit journal and the
 * state store (MDE is each response action kind's own business: src/containment/action-kind.ts,
 * over the gateways in src/mde/containment-ports.ts). Tests use fakes.
 */

/** Same literal union as src/access's `Role`; structural, so either can be passed. */
export type ContainmentRole = 'reader' | 'responder' | 'approver';

/** Who clicked, with the roles the caller resolved server-side for THIS click (never card data). */
export interface Actor {
  aadObjectId: string;
  name: string;
  roles: ReadonlySet<ContainmentRole>;
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
  /** A followed MDE action changed status (or Verdict stopped following it). */
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
