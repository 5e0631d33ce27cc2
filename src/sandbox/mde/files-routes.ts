import type { HttpAnswer } from '../http-kit';
import type { MdeCatalogue } from './catalogue';
import { mdeError } from './mde-errors';
import { odataCollection, odataEntity } from './odata';
import type { ApiRoute } from './route';

export const FILES_FAMILY = 'files';

const SHA1 = /^[0-9a-f]{40}$/i;
const SHA256 = /^[0-9a-f]{64}$/i;
const MAX_LOOK_BACK_HOURS = 720;

const invalidHash = (id: string, expected: string): HttpAnswer =>
  mdeError(400, 'InvalidHashValue', `Invalid hash value '${id.slice(0, 80)}': expected ${expected}`);

/**
 * The `files` API family; every route under /api/files counts against it.
 *
 * - GET /files/{id}: SHA1 or SHA256 (case-insensitive), 404 when unknown. What MDE answers for an
 *   MD5 is not documented (reference §1); the sandbox answers 400 InvalidHashValue.
 * - GET /files/{sha1}/stats?lookBackHours=N: 404 when unknown; N an integer 1–720 (the documented
 *   maximum), else 400 InvalidInput (MDE's exact answer to a bad N is not documented).
 * - GET /files/{sha1}/machines and /alerts: 200 with an empty `value` for an unknown file, as MDE
 *   does. The docs say SHA-1 only without saying what a SHA-256 gets; the sandbox answers 400
 *   InvalidHashValue, so clients that send one find out.
 */
export function createFilesRoutes(catalogue: MdeCatalogue): ApiRoute[] {
  const getFile: ApiRoute = {
    method: 'GET',
    path: /^\/files\/([^/]+)$/i,
    family: FILES_FAMILY,
    roles: ['File.Read.All'],
    handle({ params, baseUrl }) {
      const id = params[0] ?? '';
      if (!SHA1.test(id) && !SHA256.test(id)) return invalidHash(id, 'a SHA1 or SHA256 hash');
      const file = catalogue.file(id);
      if (!file) return mdeError(404, 'NotFound', `File ${id} was not found`);
      return odataEntity(baseUrl, 'Files/$entity', file);
    },
  };

  const getStats: ApiRoute = {
    method: 'GET',
    path: /^\/files\/([^/]+)\/stats$/i,
    family: FILES_FAMILY,
    roles: ['File.Read.All'],
    handle({ params, query, baseUrl }) {
      const id = params[0] ?? '';
      if (!SHA1.test(id)) return invalidHash(id, 'a SHA1 hash');
      const hours = query.get('lookBackHours');
      if (hours !== null && !(/^\d+$/.test(hours) && Number(hours) >= 1 && Number(hours) <= MAX_LOOK_BACK_HOURS)) {
        return mdeError(400, 'InvalidInput', `lookBackHours must be an integer between 1 and ${MAX_LOOK_BACK_HOURS}`);
      }
      const stats = catalogue.fileStats(id);
      if (!stats) return mdeError(404, 'NotFound', `File ${id} was not found`);
      return odataEntity(baseUrl, 'microsoft.windowsDefenderATP.api.InOrgFileStats', { ...stats, sha1: id.toLowerCase() });
    },
  };

  const related = (kind: 'machines' | 'alerts', roles: readonly string[], context: string, list: (sha1: string) => readonly object[]): ApiRoute => ({
    method: 'GET',
    path: new RegExp(`^/files/([^/]+)/${kind}$`, 'i'),
    family: FILES_FAMILY,
    roles,
    handle({ params, baseUrl }) {
      const id = params[0] ?? '';
      if (!SHA1.test(id)) return invalidHash(id, 'a SHA1 hash (this API does not take SHA256 or MD5)');
      return odataCollection(baseUrl, context, list(id));
    },
  });

  return [
    getFile,
    getStats,
    related('machines', ['Machine.Read.All', 'Machine.ReadWrite.All'], 'Machines', (sha1) => catalogue.fileMachines(sha1)),
    related('alerts', ['Alert.Read.All', 'Alert.ReadWrite.All'], 'Alerts', (sha1) => catalogue.fileAlerts(sha1)),
  ];
}
