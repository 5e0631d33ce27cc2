import type { MdeFileEntity } from '../demo-files';
import { createFilesRoutes } from './files-routes';
import type { ApiRoute } from './route';

export interface ApiCatalogue {
  files: readonly MdeFileEntity[];
}

/**
 * The MDE route table: one factory per API family, each in its own file. A new family (alerts,
 * machines, indicators, hunting…) adds its factory here and its limits in rate-limits.ts.
 */
export function createApiRoutes(catalogue: ApiCatalogue): ApiRoute[] {
  return [...createFilesRoutes(catalogue.files)];
}

export const familiesOf = (routes: readonly ApiRoute[]): string[] => [...new Set(routes.map((r) => r.family))];
