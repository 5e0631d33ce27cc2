import { MdeError } from './errors';
import { MACHINE_READ_PERMISSIONS } from './file-related';
import { nullOn404 } from './files';
import { mdeMachineSchema, type MdeMachine } from './machine';
import { machineIdOf } from './machine-actions';
import type { MdeRequest } from './request';

/**
 * GET /api/machines/{id}. Null on 404 (unknown, or not seen within the retention period). MDE
 * also resolves a computer name in that slot (reference §4), so only an exact 40-hex device id is
 * sent (anything else is refused as bad-request before any call), and an answer for a different
 * device is treated as not found: a lookup by id must never turn into a lookup by name.
 */
export async function getMachine(request: MdeRequest, machineId: string, options: { signal?: AbortSignal } = {}): Promise<MdeMachine | null> {
  const operation = 'machines.get';
  const id = machineIdOf(machineId, operation, MACHINE_READ_PERMISSIONS);
  const machine = await nullOn404(
    request({ operation, method: 'GET', path: `/api/machines/${id}`, permissions: MACHINE_READ_PERMISSIONS, idempotent: true, schema: mdeMachineSchema, signal: options.signal }),
  );
  return machine && machine.id.toLowerCase() === id ? machine : null;
}

/** A computer DNS name, or its first label: letters, digits, `-`, `_` and dots, at most 255 characters. */
const COMPUTER_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,254}$/;

/**
 * GET /api/machines/{computer name} (the get-machine page: "by its device ID or computer name").
 * Null on 404, and when MDE answers with a device whose computerDnsName is neither the name asked
 * nor that name's first label: a name lookup never turns into a guess. A value that is not a
 * computer name is refused before any call (bad-request).
 */
export async function getMachineByName(request: MdeRequest, name: string, options: { signal?: AbortSignal } = {}): Promise<MdeMachine | null> {
  const operation = 'machines.by-name';
  const wanted = name.trim().toLowerCase();
  if (!COMPUTER_NAME.test(wanted) || /^[0-9a-f]{40}$/.test(wanted)) throw new MdeError({ kind: 'bad-request', operation, code: 'InvalidInput', permissions: MACHINE_READ_PERMISSIONS });
  const machine = await nullOn404(
    request({ operation, method: 'GET', path: `/api/machines/${encodeURIComponent(wanted)}`, permissions: MACHINE_READ_PERMISSIONS, idempotent: true, schema: mdeMachineSchema, signal: options.signal }),
  );
  const got = (machine?.computerDnsName ?? '').toLowerCase();
  return machine && (got === wanted || got.split('.')[0] === wanted) ? machine : null;
}
