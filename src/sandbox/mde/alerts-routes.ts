import type { MdeCatalogue } from './catalogue';
import { mdeError } from './mde-errors';
import { odataCollection, odataEntity } from './odata';
import type { ApiRoute } from './route';

export const ALERTS_FAMILY = 'alerts';

/**
 * The `alerts` API family. Alert ids are looked up as given: MDE documents no format, and an id
 * it never issued is simply not found (404), whatever it looks like.
 *
 * - GET /alerts/{id}: the Alert, or 404.
 * - GET /alerts/{id}/files: `{ @odata.context …#Files, value: [File…] }` (items carry md5); 404
 *   when the alert is not found. Needs File.Read.All, not an alert permission.
 * - GET /alerts/{id}/machine: the alert's device, or 404 when the alert or device is not found.
 */
export function createAlertsRoutes(catalogue: MdeCatalogue): ApiRoute[] {
  const notFound = (id: string) => mdeError(404, 'NotFound', `Alert ${id.slice(0, 120)} was not found`);

  return [
    {
      method: 'GET',
      path: /^\/alerts\/([^/]+)$/i,
      family: ALERTS_FAMILY,
      roles: ['Alert.Read.All', 'Alert.ReadWrite.All'],
      handle({ params, baseUrl }) {
        const found = catalogue.alert(params[0] ?? '');
        return found ? odataEntity(baseUrl, 'Alerts/$entity', found.alert) : notFound(params[0] ?? '');
      },
    },
    {
      method: 'GET',
      path: /^\/alerts\/([^/]+)\/files$/i,
      family: ALERTS_FAMILY,
      roles: ['File.Read.All'],
      handle({ params, baseUrl }) {
        const found = catalogue.alert(params[0] ?? '');
        return found ? odataCollection(baseUrl, 'Files', found.files.map((f) => f.file)) : notFound(params[0] ?? '');
      },
    },
    {
      method: 'GET',
      path: /^\/alerts\/([^/]+)\/machine$/i,
      family: ALERTS_FAMILY,
      roles: ['Machine.Read.All', 'Machine.ReadWrite.All'],
      handle({ params, baseUrl }) {
        const id = params[0] ?? '';
        const found = catalogue.alert(id);
        if (!found) return notFound(id);
        const machine = catalogue.machine(found.alert.machineId);
        return machine ? odataEntity(baseUrl, 'Machines/$entity', machine) : mdeError(404, 'NotFound', `Machine ${found.alert.machineId} was not found`);
      },
    },
  ];
}
