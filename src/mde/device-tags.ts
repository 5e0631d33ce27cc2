import { z } from 'zod';
import { MdeError } from './errors';
import { machineIdOf } from './machine-actions';
import { mdeMachineSchema, type MdeMachine } from './machine';
import type { MdeRequest } from './request';

export const TAG_PERMISSIONS = ['Machine.ReadWrite.All'] as const;
/** add-or-remove-multiple-machine-tags: "up to 500 machines per API call". */
export const MAX_TAG_BATCH = 500;
const MAX_TAG_LENGTH = 200;

export type TagAction = 'Add' | 'Remove';

/** The page says "the updated machines in the response body"; an OData collection is expected, a bare array accepted. */
const machinesAnswer = z.union([z.object({ value: z.array(mdeMachineSchema) }).passthrough().transform((b) => b.value), z.array(mdeMachineSchema)]);

function checkTag(value: string, operation: string): string {
  const tag = value.trim();
  if (tag === '' || tag.length > MAX_TAG_LENGTH) throw new MdeError({ kind: 'bad-request', operation, code: 'InvalidInput', permissions: TAG_PERMISSIONS });
  return tag;
}

/** POST /api/machines/{id}/tags `{Value, Action}` → 200 with the updated Machine. */
export async function tagMachine(request: MdeRequest, machineId: string, value: string, action: TagAction, options: { signal?: AbortSignal } = {}): Promise<MdeMachine> {
  const operation = 'machines.tag';
  const id = machineIdOf(machineId, operation, TAG_PERMISSIONS);
  const tag = checkTag(value, operation);
  return request({ operation, method: 'POST', path: `/api/machines/${id}/tags`, permissions: TAG_PERMISSIONS, idempotent: false, body: { Value: tag, Action: action }, schema: mdeMachineSchema, signal: options.signal });
}

/**
 * POST /api/machines/AddOrRemoveTagForMultipleMachines `{Value, Action, MachineIds}`, one call
 * per ≤ 500 ids (duplicates dropped). Returns the machines MDE says it updated. Adding or
 * removing a tag twice changes nothing, but a failed chunk is not retried here: the caller
 * decides (a throw names Machine.ReadWrite.All on 403).
 */
export async function tagMachines(request: MdeRequest, machineIds: readonly string[], value: string, action: TagAction, options: { signal?: AbortSignal; onChunk?: (done: MdeMachine[], ids: string[]) => void } = {}): Promise<MdeMachine[]> {
  const operation = 'machines.tag-bulk';
  const tag = checkTag(value, operation);
  const ids = [...new Set(machineIds.map((id) => machineIdOf(id, operation, TAG_PERMISSIONS)))];
  const updated: MdeMachine[] = [];
  for (let i = 0; i < ids.length; i += MAX_TAG_BATCH) {
    const chunk = ids.slice(i, i + MAX_TAG_BATCH);
    const done = await request({ operation, method: 'POST', path: '/api/machines/AddOrRemoveTagForMultipleMachines', permissions: TAG_PERMISSIONS, idempotent: false, body: { Value: tag, Action: action, MachineIds: chunk }, schema: machinesAnswer, signal: options.signal });
    updated.push(...done);
    options.onChunk?.(done, chunk);
  }
  return updated;
}
