/**
 * The audit journal: the source of truth for who did what to containment, append-only and
 * hash-chained. A typed interface of its own (not a log level); the channel outbox reads it.
 */
export const AUDIT_ENTRY_TYPES = [
  'containment.requested',
  'containment.approved',
  'containment.denied',
  'containment.refused',
  'containment.executing',
  'containment.succeeded',
  'containment.failed',
  'containment.expired',
  'containment.cancelled',
  'containment.action-status',
  'audit.channel-set',
  'command.run',
] as const;
export type AuditEntryType = (typeof AUDIT_ENTRY_TYPES)[number];

/** Who: a person (Entra object id and display name), or Verdict itself (e.g. `{ name: 'verdict' }` for expiry). */
export interface AuditActor {
  aadObjectId?: string;
  name?: string;
}

/** What callers give; the journal adds seq, at, prev and hash. `data` must be plain JSON. */
export interface AuditEntryInput {
  type: AuditEntryType;
  actor: AuditActor;
  requestId?: string;
  data?: Readonly<Record<string, unknown>>;
}

export interface AuditEntry {
  /** 1, 2, 3, … without gaps. */
  seq: number;
  /** ISO 8601 UTC, from the journal's clock. */
  at: string;
  type: AuditEntryType;
  actor: AuditActor;
  requestId?: string;
  data: Record<string, unknown>;
  /** `hash` of the previous entry; GENESIS_HASH for the first. */
  prev: string;
  /** SHA-256 hex of this entry's canonical JSON without `hash`. */
  hash: string;
}

export const GENESIS_HASH = '0'.repeat(64);

export interface ChainHead {
  /** 0 when the journal is empty. */
  seq: number;
  hash: string;
}

export type VerifyResult =
  | { ok: true; entries: number; head: ChainHead }
  /** `line` is 1-based in the file; `brokenAt` the seq expected there. */
  | { ok: false; brokenAt: number; line: number; reason: string };

export interface AuditJournal {
  /** Resolves once the entry is durable (fsynced); appends are applied one at a time, in call order. */
  append(entry: AuditEntryInput): Promise<AuditEntry>;
  /** Entries with `seq > since` (default 0), oldest first, at most `limit`. */
  read(options?: { since?: number; limit?: number }): Promise<AuditEntry[]>;
  /** Re-reads everything and checks sequence, chain and hashes (and the head this journal wrote). */
  verify(): Promise<VerifyResult>;
  /** The last entry appended or recovered: for "the latest n" read({ since: head().seq - n }). */
  head(): ChainHead;
  /** Several instances' journal: catch up with what the others appended, so head() is current. */
  refresh?(): Promise<void>;
  /** Waits for pending appends, then releases the file. Appends after close reject. */
  close(): Promise<void>;
}

/** The journal cannot be trusted or written (corrupt file at start, failed write it could not undo). */
export class AuditJournalError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AuditJournalError';
  }
}
