import type { MdeCatalogue } from './catalogue';
import { enumField, machineActionRoute, type MachineActionSpec } from './machine-action-route';
import type { MachineActionStore } from './machine-action-store';
import { mdeError } from './mde-errors';
import type { ApiRoute } from './route';

const SHA1 = /^[0-9a-fA-F]{40}$/;
const RESTRICTION = ['RestrictCodeExecution', 'UnrestrictCodeExecution'] as const;

/**
 * The device response actions besides isolation (reference §4 table and §4b), each with the
 * application permission its API page names: AV scan (Machine.Scan), restrict / remove the
 * restriction (Machine.RestrictExecution; the unrestrict page was not read, the permission is
 * presumed), collect an investigation package (Machine.CollectForensics) and stop & quarantine a
 * file by SHA-1 (Machine.StopAndQuarantine). A second restrict or unrestrict while either is
 * under way is refused, as isolate/unisolate are.
 */
export const RESPONSE_ACTIONS: readonly MachineActionSpec[] = Object.freeze([
  {
    segment: 'runAntiVirusScan',
    type: 'RunAntiVirusScan',
    roles: ['Machine.Scan'],
    conflicts: ['RunAntiVirusScan'],
    parse(body) {
      const scope = enumField(body, 'ScanType', ['Quick', 'Full']);
      return typeof scope === 'string' ? { scope } : scope;
    },
  },
  { segment: 'restrictCodeExecution', type: 'RestrictCodeExecution', roles: ['Machine.RestrictExecution'], conflicts: RESTRICTION, parse: () => ({ scope: null }) },
  { segment: 'unrestrictCodeExecution', type: 'UnrestrictCodeExecution', roles: ['Machine.RestrictExecution'], conflicts: RESTRICTION, parse: () => ({ scope: null }) },
  { segment: 'collectInvestigationPackage', type: 'CollectInvestigationPackage', roles: ['Machine.CollectForensics'], conflicts: ['CollectInvestigationPackage'], parse: () => ({ scope: null }) },
  {
    segment: 'StopAndQuarantineFile',
    type: 'StopAndQuarantineFile',
    roles: ['Machine.StopAndQuarantine'],
    conflicts: ['StopAndQuarantineFile'],
    parse(body) {
      if (body.Sha1 === undefined) return mdeError(400, 'MissingRequiredParameter', "Parameter 'Sha1' is required");
      if (typeof body.Sha1 !== 'string' || !SHA1.test(body.Sha1)) return mdeError(400, 'InvalidRequestBody', 'Sha1 must be a SHA-1 (40 hex characters)');
      return { scope: null, sha1: body.Sha1.toLowerCase() };
    },
  },
]);

export function createMachineResponseRoutes(catalogue: MdeCatalogue, store: MachineActionStore): ApiRoute[] {
  return RESPONSE_ACTIONS.map((spec) => machineActionRoute(catalogue, store, spec));
}
