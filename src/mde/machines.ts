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
