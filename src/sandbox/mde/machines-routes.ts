import type { MdeCatalogue } from './catalogue';
import { MACHINES_FAMILY } from './machine-action-route';
import type { MachineTagStore } from './machine-tag-store';
import { mdeError } from './mde-errors';
import { odataEntity } from './odata';
import type { ApiRoute } from './route';

/**
 * GET /machines/{id} (reference §4, get-machine-by-id): the Machine entity, or 404
 * ResourceNotFound ("Machine … was not found", MDE's own example of that code). MDE takes the
 * device id or the computer name here; the sandbox matches the full computerDnsName, any case
 * (whether MDE also matches a short name is UNCONFIRMED). Counts in the `machines` family with
 * the machine actions; needs Machine.Read.All or Machine.ReadWrite.All. Tags changed through the
 * tag APIs show here.
 */
export function createMachinesRoutes(catalogue: MdeCatalogue, tags?: MachineTagStore): ApiRoute[] {
  return [
    {
      method: 'GET',
      path: /^\/machines\/([^/]+)$/i,
      family: MACHINES_FAMILY,
      roles: ['Machine.Read.All', 'Machine.ReadWrite.All'],
      handle({ params, baseUrl }) {
        const key = params[0] ?? '';
        const machine = catalogue.machine(key) ?? catalogue.machineByName(key);
        return machine ? odataEntity(baseUrl, 'Machines/$entity', tags ? tags.view(machine) : machine) : mdeError(404, 'ResourceNotFound', `Machine ${key.slice(0, 80)} was not found`);
      },
    },
  ];
}
