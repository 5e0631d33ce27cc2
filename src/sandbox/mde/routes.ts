import { createAlertsRoutes } from './alerts-routes';
import type { MdeCatalogue } from './catalogue';
import { createFilesRoutes } from './files-routes';
import { createHuntingRoutes } from './hunting-routes';
import type { ApiRoute } from './route';

/**
 * The MDE route table: one factory per API family, each in its own file. A new family (machines,
 * indicators…) adds its factory here and its limits in rate-limits.ts.
 */
export function createApiRoutes(catalogue: MdeCatalogue): ApiRoute[] {
  return [...createFilesRoutes(catalogue), ...createAlertsRoutes(catalogue), ...createHuntingRoutes(catalogue)];
}

export const familiesOf = (routes: readonly ApiRoute[]): string[] => [...new Set(routes.map((r) => r.family))];
