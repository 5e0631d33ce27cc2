import { createHash } from 'node:crypto';
import type { MachineActionStore } from './machine-action-store';
import { mdeError } from './mde-errors';
import { ODATA_HEADERS } from './odata';
import type { ApiRoute } from './route';

export const PACKAGE_URI_FAMILY = 'machineactions-package';

/**
 * GET /machineactions/{id}/getPackageUri (get-package-sas-uri): 200 `{"value": "<short-lived
 * link>"}` once a CollectInvestigationPackage action has Succeeded. The page names Machine.Read.All
 * or Machine.ReadWrite.All for apps (Machine.CollectForensics only for delegated calls; the
 * reference said CollectForensics, the page wins) and limits it to 2 calls/min and 120/h, so it
 * is its own rate family. What MDE answers before the package is ready is not documented; the
 * sandbox says 404 NotFound. The link is made up (a blob-like SAS URL) and downloads nothing.
 */
export function createPackageUriRoute(store: MachineActionStore): ApiRoute {
  return {
    method: 'GET',
    path: /^\/machineactions\/([^/]+)\/getPackageUri$/i,
    family: PACKAGE_URI_FAMILY,
    roles: ['Machine.Read.All', 'Machine.ReadWrite.All'],
    handle({ params, baseUrl }) {
      const id = params[0] ?? '';
      const action = store.get(id);
      if (!action || action.type !== 'CollectInvestigationPackage') return mdeError(404, 'NotFound', `Machine action ${id.slice(0, 80)} was not found`);
      if (action.status !== 'Succeeded') return mdeError(404, 'NotFound', `The investigation package of machine action ${action.id} is not available (status ${action.status})`);
      const sig = createHash('sha256').update(`package/${action.id}`).digest('base64url').slice(0, 43);
      const expires = new Date(Date.now() + 10 * 60_000).toISOString();
      const uri = `https://userrequests-sandbox.blob.core.windows.net/investigation-packages/${action.id}.zip?se=${encodeURIComponent(expires)}&sp=r&sv=2022-11-02&sr=b&sig=${sig}`;
      return { status: 200, headers: { ...ODATA_HEADERS }, body: { '@odata.context': `${baseUrl}/api/$metadata#Edm.String`, value: uri } };
    },
  };
}
