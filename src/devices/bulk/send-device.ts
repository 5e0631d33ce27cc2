import { isMdeError } from '../../mde/errors';
import type { BulkAction } from './bulk-action';
import type { DeviceOutcome } from './run-state';

/** MDE failures after which MDE may still have acted: never resent blind, looked for first. */
const AMBIGUOUS = new Set(['timeout', 'server', 'network', 'malformed']);

export type Failure =
  | { type: 'throttled'; retryAfterMs: number }
  | { type: 'ambiguous' }
  | { type: 'forbidden'; error: NonNullable<DeviceOutcome['error']> }
  | { type: 'refused'; error: NonNullable<DeviceOutcome['error']> };

/** How the runner treats an MDE failure of one call. Anything not an MdeError is a bug: rethrown. */
export function classify(err: unknown): Failure {
  if (!isMdeError(err)) throw err;
  const error: NonNullable<DeviceOutcome['error']> = { kind: err.kind };
  if (err.code) error.code = err.code.slice(0, 100);
  if (err.target) error.target = err.target.slice(0, 100);
  if (err.permissions.length > 0) error.permissions = err.permissions.slice(0, 5);
  if (err.kind === 'throttled') return { type: 'throttled', retryAfterMs: err.retryAfterMs ?? 60_000 };
  if (AMBIGUOUS.has(err.kind)) return { type: 'ambiguous' };
  if (err.kind === 'forbidden' || err.kind === 'unauthorized') return { type: 'forbidden', error };
  return { type: 'refused', error };
}

/** The marker every comment of a run carries, so evidence finds the run's actions among all of MDE's. */
export const runMarker = (runId: string): string => `[verdict:${runId}]`;

/** The MDE `Comment`: the requester's reason and the run marker (MDE shows it in the action center). */
export function runComment(runId: string, reason: string): string {
  return `${reason.trim().slice(0, 900)} ${runMarker(runId)}`;
}

export const isMachineAction = (a: BulkAction): a is Exclude<BulkAction, { kind: 'tag' }> => a.kind !== 'tag';
