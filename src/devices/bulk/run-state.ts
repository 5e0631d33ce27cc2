import type { BulkDeps } from './ports';
import { z } from 'zod';
import { bulkActionSchema } from './bulk-action';

/**
 * Where one device stands in a bulk run:
 * - `queued`: not sent yet;
 * - `sending`: marked before the call; after a restart it means "MDE may have it" (look, never resend blind);
 * - `accepted`: MDE created a machine action for us (`mdeId`), followed until `mdeStatus` is final;
 * - `already-pending`: MDE already had one under way (`existingId` when it said which);
 * - `conflict`: Verdict itself has a conflicting action in flight on the device (`detail` says which run);
 * - `done`: a tag MDE applied (no machine action);
 * - `failed`: MDE refused or did not confirm (`error`).
 */
export const DEVICE_STATES = ['queued', 'sending', 'accepted', 'already-pending', 'conflict', 'done', 'failed'] as const;
export type DeviceState = (typeof DEVICE_STATES)[number];

export const deviceOutcomeSchema = z.object({
  id: z.string().regex(/^[0-9a-f]{40}$/),
  name: z.string().max(300),
  state: z.enum(DEVICE_STATES),
  mdeId: z.string().max(100).optional(),
  mdeStatus: z.string().max(40).optional(),
  existingId: z.string().max(100).optional(),
  detail: z.string().max(300).optional(),
  error: z.object({ kind: z.string().max(40), code: z.string().max(100).optional(), target: z.string().max(100).optional(), permissions: z.array(z.string().max(100)).max(5).optional() }).optional(),
  /** How often a 429 sent it back to the queue. */
  throttled: z.number().int().min(0).optional(),
  /** Calls sent for it (a second only after evidence showed MDE had not taken the first). */
  attempts: z.number().int().min(0).optional(),
  /** Its outcome is in the audit journal (set only after the journal took it; see run-journal.ts). */
  journaled: z.literal(true).optional(),
});
export type DeviceOutcome = z.infer<typeof deviceOutcomeSchema>;

export const runMetaSchema = z.object({
  id: z.string().min(1).max(100),
  action: bulkActionSchema,
  /** Sent to MDE as `Comment`; it carries the run id so evidence can find our actions. */
  comment: z.string().min(1).max(1000),
  requestedBy: z.string().max(200),
  approvedBy: z.string().max(200).optional(),
  createdAt: z.string(),
  startedAt: z.string().optional(),
  /** Set once every device is settled and every action followed to a final status (or given up on). */
  finishedAt: z.string().optional(),
  followEnded: z.enum(['final', 'gave-up']).optional(),
  parts: z.number().int().min(1).max(100),
});
export type RunMeta = z.infer<typeof runMetaSchema>;

export interface BulkRun {
  meta: RunMeta;
  devices: DeviceOutcome[];
}

export const FINAL_STATUSES: ReadonlySet<string> = new Set(['Succeeded', 'Failed', 'TimeOut', 'Cancelled']);

/** True when nothing more will happen to this device in this run. */
export function settled(d: DeviceOutcome): boolean {
  if (d.state === 'queued' || d.state === 'sending') return false;
  if (d.state === 'accepted') return d.mdeStatus !== undefined && FINAL_STATUSES.has(d.mdeStatus);
  return true;
}

/** True when the device's lock is held: Verdict may still have a machine action in flight on it. */
export const holdsLock = (d: DeviceOutcome): boolean => d.state === 'sending' || (d.state === 'accepted' && !settled(d));

/** Thrown when a run stops because its process was paused (see BulkDeps.paused); the run stays open. */
export class RunPaused extends Error {
  constructor() {
    super('bulk run paused: it resumes in the process that leads next');
  }
}

/** Devices still queued after a pause were never sent: they must not be failed as unconfirmed. */
export function stopIfPaused(deps: Pick<BulkDeps, 'paused'>): void {
  if (deps.paused?.()) throw new RunPaused();
}
