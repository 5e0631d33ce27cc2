import type { MdeCatalogue } from './catalogue';
import { enumField, machineActionRoute } from './machine-action-route';
import type { MachineActionEntity, MachineActionStore, SandboxActionType } from './machine-action-store';
import { mdeError } from './mde-errors';
import { odataCollection, odataEntity } from './odata';
import { isAnswer, matches, parseFilter, parsePaging } from './odata-filter';
import type { ApiRoute } from './route';

export { MACHINES_FAMILY } from './machine-action-route';
export const MACHINE_ACTIONS_FAMILY = 'machineactions';

const ISOLATION_TYPES: readonly SandboxActionType[] = ['Isolate', 'Unisolate'];
const ISOLATION_SCOPES = ['Full', 'Selective', 'UnManagedDevice'];
const FILTER_FIELDS = ['id', 'status', 'machineId', 'type', 'requestor', 'creationDateTimeUtc'];
const READ_ROLES = ['Machine.Read.All', 'Machine.ReadWrite.All'];

/** The list examples spell the update time `lastUpdateTimeUtc`; the sandbox does too, so clients read both. */
function listed(a: MachineActionEntity): object {
  const { lastUpdateDateTimeUtc, ...rest } = a;
  return { ...rest, lastUpdateTimeUtc: lastUpdateDateTimeUtc };
}

/**
 * The `machines` family's isolation actions and the `machineactions` family (100/min each).
 * - POST /machines/{id}/isolate `{ Comment, IsolationType }` and /unisolate `{ Comment }`: 201
 *   with a Pending MachineAction; 404 ResourceNotFound for an unknown device; 400
 *   MissingRequiredParameter without `Comment` (names are case-sensitive); 400
 *   ActiveRequestAlreadyExists "Action is already in progress" while an Isolate/Unisolate on
 *   that device is Pending or InProgress. Needs Machine.Isolate.
 * - GET /machineactions (`$filter` on id/status/machineId/type/requestor/creationDateTimeUtc,
 *   `$top`, `$skip`) and GET /machineactions/{id} (404 when unknown). Need Machine.Read.All.
 */
export function createMachineActionsRoutes(catalogue: MdeCatalogue, store: MachineActionStore): ApiRoute[] {
  return [
    machineActionRoute(catalogue, store, {
      segment: 'isolate',
      type: 'Isolate',
      roles: ['Machine.Isolate'],
      conflicts: ISOLATION_TYPES,
      parse(body) {
        const scope = enumField(body, 'IsolationType', ISOLATION_SCOPES, 'Full');
        return typeof scope === 'string' ? { scope } : scope;
      },
    }),
    machineActionRoute(catalogue, store, { segment: 'unisolate', type: 'Unisolate', roles: ['Machine.Isolate'], conflicts: ISOLATION_TYPES, parse: () => ({ scope: null }) }),
    {
      method: 'GET',
      path: /^\/machineactions$/i,
      family: MACHINE_ACTIONS_FAMILY,
      roles: READ_ROLES,
      handle(req) {
        const clauses = parseFilter(req.query.get('$filter'), FILTER_FIELDS);
        if (isAnswer(clauses)) return clauses;
        const paging = parsePaging(req.query);
        if (isAnswer(paging)) return paging;
        const found = store.all().filter((a) => clauses.every((c) => matches(a[c.field as keyof MachineActionEntity], c)));
        return odataCollection(req.baseUrl, 'MachineActions', found.slice(paging.skip, paging.skip + paging.top).map(listed));
      },
    },
    {
      method: 'GET',
      path: /^\/machineactions\/([^/]+)$/i,
      family: MACHINE_ACTIONS_FAMILY,
      roles: READ_ROLES,
      handle(req) {
        const id = req.params[0] ?? '';
        const found = store.get(id);
        return found ? odataEntity(req.baseUrl, 'MachineActions/$entity', found) : mdeError(404, 'NotFound', `Machine action ${id.slice(0, 80)} was not found`);
      },
    },
  ];
}
