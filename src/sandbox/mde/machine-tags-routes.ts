import type { HttpAnswer } from '../http-kit';
import type { MdeMachineEntity } from '../demo-machines';
import type { MdeCatalogue } from './catalogue';
import { MACHINES_FAMILY } from './machine-action-route';
import type { MachineTagStore } from './machine-tag-store';
import { mdeError } from './mde-errors';
import { odataCollection, odataEntity } from './odata';
import type { ApiRoute } from './route';

/** The bulk API's documented cap. */
export const MAX_BULK_TAG_MACHINES = 500;
/** The portal refuses longer tags; the API's own limit is undocumented (assumed the same). */
const MAX_TAG_LENGTH = 200;
const TAG_ROLES = ['Machine.ReadWrite.All'];

type TagBody = { value: string; action: 'Add' | 'Remove' };

function tagBody(body: Record<string, unknown>): TagBody | HttpAnswer {
  if (body.Value === undefined) return mdeError(400, 'MissingRequiredParameter', "Parameter 'Value' is required");
  if (typeof body.Value !== 'string' || body.Value.trim() === '' || body.Value.length > MAX_TAG_LENGTH) return mdeError(400, 'InvalidRequestBody', `Value must be a tag of 1 to ${MAX_TAG_LENGTH} characters`);
  if (body.Action !== 'Add' && body.Action !== 'Remove') return mdeError(400, 'InvalidRequestBody', "Action must be 'Add' or 'Remove'");
  return { value: body.Value, action: body.Action };
}

const objectBody = (body: unknown) => (typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {});
const isAnswer = (v: object): v is HttpAnswer => 'status' in v;

/**
 * Tags (reference §4b; add-or-remove-machine-tags and add-or-remove-multiple-machine-tags pages),
 * both Machine.ReadWrite.All, both in the `machines` family (100/min, 1,500/h):
 * - POST /machines/{id}/tags `{Value, Action}` → 200 with the updated Machine; 404 for an unknown device.
 * - POST /machines/AddOrRemoveTagForMultipleMachines `{Value, Action, MachineIds}` → 200 with the
 *   updated machines (`value`); 400 for no ids or more than 500. Ids MDE does not know are left
 *   out of the answer (what MDE does with them is undocumented).
 */
export function createMachineTagsRoutes(catalogue: MdeCatalogue, tags: MachineTagStore): ApiRoute[] {
  return [
    {
      method: 'POST',
      path: /^\/machines\/AddOrRemoveTagForMultipleMachines$/i,
      family: MACHINES_FAMILY,
      roles: TAG_ROLES,
      handle(req) {
        const body = objectBody(req.body);
        const tag = tagBody(body);
        if (isAnswer(tag)) return tag;
        const ids = body.MachineIds;
        if (!Array.isArray(ids) || ids.length === 0) return mdeError(400, 'MissingRequiredParameter', "Parameter 'MachineIds' is required (a list of machine ids)");
        if (ids.length > MAX_BULK_TAG_MACHINES) return mdeError(400, 'InvalidRequestBody', `MachineIds can hold up to ${MAX_BULK_TAG_MACHINES} machines, got ${ids.length}`);
        if (!ids.every((id): id is string => typeof id === 'string')) return mdeError(400, 'InvalidRequestBody', 'MachineIds must be strings');
        const found = [...new Set(ids.map((id) => id.toLowerCase()))].map((id) => catalogue.machine(id)).filter((m): m is MdeMachineEntity => m !== undefined);
        return odataCollection(req.baseUrl, 'Machines', found.map((m) => tags.apply(m, tag.value, tag.action)));
      },
    },
    {
      method: 'POST',
      path: /^\/machines\/([^/]+)\/tags$/i,
      family: MACHINES_FAMILY,
      roles: TAG_ROLES,
      handle(req) {
        const id = req.params[0] ?? '';
        const machine = catalogue.machine(id);
        if (!machine) return mdeError(404, 'ResourceNotFound', `Machine ${id.slice(0, 80)} was not found`);
        const tag = tagBody(objectBody(req.body));
        if (isAnswer(tag)) return tag;
        return odataEntity(req.baseUrl, 'Machines/$entity', tags.apply(machine, tag.value, tag.action));
      },
    },
  ];
}
