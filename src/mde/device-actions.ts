import { z } from 'zod';
import { MdeError } from './errors';
import { MACHINE_READ_PERMISSIONS } from './file-related';
import { nullOn404 } from './files';
import { mdeMachineActionSchema, type MdeMachineAction } from './machine-action';
import { isAlreadyPendingError, machineIdOf, type IsolateResult } from './machine-actions';
import type { MdeRequest } from './request';

/** The device response actions besides isolate, with their paths, bodies and permissions (reference §4, §4b). */
export type DeviceActionType = 'Unisolate' | 'RunAntiVirusScan' | 'RestrictCodeExecution' | 'UnrestrictCodeExecution' | 'CollectInvestigationPackage' | 'StopAndQuarantineFile';

interface ActionSpec {
  operation: string;
  segment: string;
  permissions: readonly string[];
}

export const DEVICE_ACTION_SPECS: Readonly<Record<DeviceActionType, ActionSpec>> = Object.freeze({
  Unisolate: { operation: 'machines.unisolate', segment: 'unisolate', permissions: ['Machine.Isolate'] },
  RunAntiVirusScan: { operation: 'machines.scan', segment: 'runAntiVirusScan', permissions: ['Machine.Scan'] },
  RestrictCodeExecution: { operation: 'machines.restrict', segment: 'restrictCodeExecution', permissions: ['Machine.RestrictExecution'] },
  // Both API pages (restrict-code-execution, unrestrict-code-execution) name Machine.RestrictExecution.
  UnrestrictCodeExecution: { operation: 'machines.unrestrict', segment: 'unrestrictCodeExecution', permissions: ['Machine.RestrictExecution'] },
  CollectInvestigationPackage: { operation: 'machines.collect', segment: 'collectInvestigationPackage', permissions: ['Machine.CollectForensics'] },
  StopAndQuarantineFile: { operation: 'machines.quarantine', segment: 'StopAndQuarantineFile', permissions: ['Machine.StopAndQuarantine'] },
});

export type DeviceActionInput =
  | { type: 'Unisolate' | 'RestrictCodeExecution' | 'UnrestrictCodeExecution' | 'CollectInvestigationPackage'; comment: string }
  | { type: 'RunAntiVirusScan'; comment: string; scanType: 'Quick' | 'Full' }
  | { type: 'StopAndQuarantineFile'; comment: string; sha1: string };

/** A 201 whose action was created this long before our call is MDE handing back an old one. */
const STALE_ACTION_MS = 5 * 60_000;
const SHA1 = /^[0-9a-f]{40}$/;

const bad = (operation: string, permissions: readonly string[]) => new MdeError({ kind: 'bad-request', operation, code: 'InvalidInput', permissions });

function bodyOf(input: DeviceActionInput, operation: string, permissions: readonly string[]): Record<string, string> {
  if (input.comment.trim() === '') throw bad(operation, permissions);
  if (input.type === 'RunAntiVirusScan') {
    if (input.scanType !== 'Quick' && input.scanType !== 'Full') throw bad(operation, permissions);
    return { Comment: input.comment, ScanType: input.scanType };
  }
  if (input.type === 'StopAndQuarantineFile') {
    const sha1 = input.sha1.trim().toLowerCase();
    if (!SHA1.test(sha1)) throw bad(operation, permissions);
    return { Comment: input.comment, Sha1: sha1 };
  }
  return { Comment: input.comment };
}

/** A 201 with an action that is not new (already InProgress, or created well before we asked) is MDE's "already pending". */
export function createdOrPending(action: MdeMachineAction, startedAt: number): IsolateResult {
  const created = action.creationDateTimeUtc ? Date.parse(action.creationDateTimeUtc) : NaN;
  const old = action.status === 'InProgress' || (!Number.isNaN(created) && created < startedAt - STALE_ACTION_MS);
  return old ? { kind: 'already-pending', actionId: action.id } : { kind: 'created', action };
}

/**
 * POST /api/machines/{id}/<action> with MDE's case-sensitive body names → 201 MachineAction.
 * "Already pending" (400 ActiveRequestAlreadyExists / "already in progress", or a 201 handing
 * back an older action) is a result; every other failure throws MdeError naming the action's
 * permission. A write: never retried on 5xx or timeouts (the pipeline retries only idempotent calls).
 */
export async function runDeviceAction(request: MdeRequest, machineId: string, input: DeviceActionInput, options: { signal?: AbortSignal; now?: () => number } = {}): Promise<IsolateResult> {
  const spec = DEVICE_ACTION_SPECS[input.type];
  const id = machineIdOf(machineId, spec.operation, spec.permissions);
  const body = bodyOf(input, spec.operation, spec.permissions);
  const startedAt = (options.now ?? Date.now)();
  try {
    const action = await request({ operation: spec.operation, method: 'POST', path: `/api/machines/${id}/${spec.segment}`, permissions: spec.permissions, idempotent: false, body, schema: mdeMachineActionSchema, signal: options.signal });
    return createdOrPending(action, startedAt);
  } catch (err) {
    if (isAlreadyPendingError(err)) return { kind: 'already-pending', code: err.code, target: err.target };
    throw err;
  }
}

const PACKAGE_ID = /^[A-Za-z0-9-]{1,64}$/;
const packageUriSchema = z.object({ value: z.string().url() }).passthrough();

/**
 * GET /api/machineactions/{id}/getPackageUri → the short-lived download link (`{"value": uri}`),
 * or null on 404 (unknown action, or no package yet). 2 calls/min: its own rate family. The app
 * permission is Machine.Read.All or Machine.ReadWrite.All (get-package-sas-uri page).
 */
export async function getPackageUri(request: MdeRequest, actionId: string, options: { signal?: AbortSignal } = {}): Promise<string | null> {
  const operation = 'machineactions.package';
  const id = actionId.trim();
  if (!PACKAGE_ID.test(id)) throw bad(operation, MACHINE_READ_PERMISSIONS);
  const answer = await nullOn404(request({ operation, method: 'GET', path: `/api/machineactions/${encodeURIComponent(id)}/getPackageUri`, permissions: MACHINE_READ_PERMISSIONS, idempotent: true, schema: packageUriSchema, signal: options.signal }));
  return answer ? answer.value : null;
}
