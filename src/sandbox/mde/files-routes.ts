import type { MdeFileEntity } from '../demo-files';
import { mdeError } from './mde-errors';
import { odataEntity } from './odata';
import type { ApiRoute } from './route';

export const FILES_FAMILY = 'files';

const SHA1 = /^[0-9a-f]{40}$/i;
const SHA256 = /^[0-9a-f]{64}$/i;

/**
 * The `files` API family. GET /api/files/{id} takes a SHA1 or SHA256 (case-insensitive).
 * What MDE answers for an MD5 or other malformed id is not documented (reference §1: MD5 support
 * is unconfirmed); the sandbox answers 400 InvalidHashValue so clients must handle that path.
 */
export function createFilesRoutes(catalogue: readonly MdeFileEntity[]): ApiRoute[] {
  const byHash = new Map<string, MdeFileEntity>();
  for (const file of catalogue) {
    byHash.set(file.sha1.toLowerCase(), file);
    byHash.set(file.sha256.toLowerCase(), file);
  }

  const getFile: ApiRoute = {
    method: 'GET',
    path: /^\/files\/([^/]+)$/i,
    family: FILES_FAMILY,
    roles: ['File.Read.All'],
    handle({ params, baseUrl }) {
      const id = params[0] ?? '';
      if (!SHA1.test(id) && !SHA256.test(id)) {
        return mdeError(400, 'InvalidHashValue', `Invalid hash value '${id.slice(0, 80)}': expected a SHA1 or SHA256 hash`);
      }
      const file = byHash.get(id.toLowerCase());
      if (!file) return mdeError(404, 'NotFound', `File ${id} was not found`);
      return odataEntity(baseUrl, 'Files/$entity', file);
    },
  };

  return [getFile];
}
