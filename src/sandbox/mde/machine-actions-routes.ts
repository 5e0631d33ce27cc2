import type { HttpAnswer } from '../http-kit';
import type { MdeCatalogue } from './catalogue';
import type { MachineActionEntity, MachineActionStore } from './machine-action-store';
import { mdeError } from './mde-errors';
import { ODATA_HEADERS, odataCollection, odataEntity } from './odata';
import { isAnswer, matches, parseFilter, parsePaging } from './odata-filter';
import type { ApiRoute, RouteRequest } from './route';

export const MACHINES_FAMILY = 'machines';
export const MACHINE_ACTIONS_FAMILY = 'machineactions';

const ISOLATION_TYPES = ['Isolate', 'Unisolate'];
const ISOLATION_SCOPES = ['Full', 'Selective', 'UnManagedDevice'];
const FILTER_FIELDS = ['id', 'status', 'machineId', 'type', 'requestor', 'creationDateTimeUtc'];
const READ_ROLES = ['Machine.Read.All', 'Machine.ReadWrite.All'];

/** The list examples spell the update time `lastUpdateTimeUtc`; the sandbox does too, so clients read both. */
function listed(a: MachineActionEntity): object {
  const { lastUpdateDateTimeUtc, ...rest } = a;
  return { ...rest, lastUpdateTimeUtc: lastUpdateDateTimeUtc };
}

const created = (baseUrl: string, action: MachineActionEntity): HttpAnswer => ({
  status: 201,
  headers: { ...ODATA_HEADERS },
  body: { '@odata.context': `${baseUrl}/api/$metadata#MachineActions/$entity`, ...action },
});

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
  const action = (type: 'Isolate' | 'Unisolate'): ApiRoute => ({
    method: 'POST',
    path: new RegExp(`^/machines/([^/]+)/${type.toLowerCase()}$`, 'i'),
    family: MACHINES_FAMILY,
    roles: ['Machine.Isolate'],
    handle(req: RouteRequest) {
      const id = req.params[0] ?? '';
      const machine = catalogue.machine(id);
      if (!machine) return mdeError(404, 'ResourceNotFound', `Machine ${id.slice(0, 80)} was not found`);
      const body = (typeof req.body === 'object' && req.body !== null ? req.body : {}) as Record<string, unknown>;
      if (typeof body.Comment !== 'string' || body.Comment.trim() === '') {
        const miscased = Object.keys(body).find((k) => k !== 'Comment' && k.toLowerCase() === 'comment');
        return mdeError(400, 'MissingRequiredParameter', miscased ? `Parameter 'Comment' is required (parameter names are case-sensitive; got '${miscased}')` : "Parameter 'Comment' is required");
      }
      let scope: string | null = null;
      if (type === 'Isolate') {
        scope = body.IsolationType === undefined ? 'Full' : String(body.IsolationType);
        if (!ISOLATION_SCOPES.includes(scope)) return mdeError(400, 'InvalidRequestBody', `IsolationType must be one of ${ISOLATION_SCOPES.join(', ')}`);
      }
      if (store.active(machine.id, ISOLATION_TYPES)) return mdeError(400, 'ActiveRequestAlreadyExists', 'Action is already in progress');
      const made = store.create(machine, { type, comment: body.Comment, scope, requestor: req.caller?.clientId ?? 'unknown-app' });
      return created(req.baseUrl, made);
    },
  });

  return [
    action('Isolate'),
    action('Unisolate'),
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
