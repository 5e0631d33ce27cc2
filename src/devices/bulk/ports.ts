import type { OutcomeBatchEntry } from '../../audit/outcome-batches';
import type { DeviceAction } from '../ports';
import type { BulkAction, BulkKind } from './bulk-action';
import type { BulkRun } from './run-state';

export type SendResult = { kind: 'created'; actionId: string; status: string } | { kind: 'already-pending'; actionId?: string };

/** The MDE calls a bulk run makes (an adapter over src/mde's MdeDeviceApi; fakes in unit tests). Throws MdeError. */
export interface BulkMde {
  /** One machine action on one device (never a tag). */
  send(machineId: string, action: Exclude<BulkAction, { kind: 'tag' }>, comment: string): Promise<SendResult>;
  /** One bulk tag call (≤ 500 ids): the ids MDE reports updated. */
  tag(machineIds: string[], value: string, tagAction: 'Add' | 'Remove'): Promise<string[]>;
  /** Machine actions of `type` created at or after `since` (evidence and follow-through: one list call, not one per device). */
  actionsSince(type: string, since: string): Promise<DeviceAction[]>;
}

/** Bounded concurrency (p-queue in production): runs `task` when a slot is free. */
export type Gate = <T>(task: () => Promise<T>) => Promise<T>;

export interface BulkProgress {
  total: number;
  queued: number;
  accepted: number;
  alreadyPending: number;
  conflict: number;
  done: number;
  failed: number;
  succeeded: number;
  /** Accepted actions that ended Failed, TimeOut or Cancelled. */
  endedBadly: number;
  /** Accepted actions still Pending or InProgress. */
  running: number;
}

/** Where settled devices' outcomes are journaled (the audit journal in production), an entry per ≤ 50 devices. */
export interface BulkJournal {
  /** The stored kind name of the request that runs this action (the entry's `kind`). */
  kindOf(action: BulkKind): string;
  /** Rejects when the journal did not take the entry: the devices then wait for the next try. */
  append(entry: OutcomeBatchEntry): Promise<unknown>;
}

export interface BulkDeps {
  mde: BulkMde;
  gate: Gate;
  clock: () => number;
  sleep: (ms: number) => Promise<void>;
  /** After every change: the run as stored and its counts (the progress card redraws from this). */
  onProgress?: (run: BulkRun, progress: BulkProgress) => void;
  /** Devices whose outcome changed and was stored. */
  onDevices?: (run: BulkRun, indexes: number[]) => void;
  /** Without it nothing is journaled and a run is closed as soon as it ends. */
  journal?: BulkJournal;
  /** Calls `tick` on a schedule (every 60 s in production) until the returned stop is called: a partial batch waits no longer. */
  journalTimer?: (tick: () => void) => () => void;
  warn?: (event: string, fields: Record<string, unknown>) => void;
  /** Follow-through: first look after this, then doubling up to the max; stop following after `followForMs`. */
  followFirstMs: number;
  followMaxIntervalMs: number;
  followForMs: number;
  /** How often one device may go back to the queue after a 429 before it is failed as throttled. */
  maxThrottleRequeues?: number;
  /**
   * True once this process must stop working on runs (shutdown, or another instance leads now):
   * no device is sent after that, and the run ends stored as it is (queued devices stay queued)
   * for whichever process resumes it. `sleep` should reject at the same moment.
   */
  paused?: () => boolean;
}
