import type { HttpAnswer } from '../http-kit';
import type { MdeCatalogue } from './catalogue';
import type { MachineActionEntity, MachineActionStore, SandboxActionType } from './machine-action-store';
import { mdeError } from './mde-errors';
import { ODATA_HEADERS } from './odata';
import type { ApiRoute, RouteRequest } from './route';

export const MACHINES_FAMILY = 'machines';

/** One machine-action endpoint: its path segment, the action it creates, who may call it, what it blocks on. */
export interface MachineActionSpec {
  /** Path segment after /machines/{id}/, matched case-insensitively. */
  segment: string;
  type: SandboxActionType;
  roles: readonly string[];
  /** Types whose Pending/InProgress action on the same device makes this call 400 ActiveRequestAlreadyExists. */
  conflicts: readonly SandboxActionType[];
  /** The action-specific body fields: the scope and file to record, or a 400 answer. */
  parse(body: Record<string, unknown>): { scope: string | null; sha1?: string } | HttpAnswer;
}

const created = (baseUrl: string, action: MachineActionEntity): HttpAnswer => ({
  status: 201,
  headers: { ...ODATA_HEADERS },
  body: { '@odata.context': `${baseUrl}/api/$metadata#MachineActions/$entity`, ...action },
});

const isAnswer = (v: object): v is HttpAnswer => 'status' in v;

/**
 * POST /machines/{id}/<segment> `{ Comment, … }` (names case-sensitive, as MDE's): 201 with a
 * Pending MachineAction; 404 ResourceNotFound for an unknown device; 400 MissingRequiredParameter
 * without `Comment`; 400 ActiveRequestAlreadyExists "Action is already in progress" while a
 * conflicting action on the device is Pending or InProgress (MDE may instead hand back the
 * pending action with 201 — reference §4; the sandbox always answers 400, clients handle both).
 */
export function machineActionRoute(catalogue: MdeCatalogue, store: MachineActionStore, spec: MachineActionSpec): ApiRoute {
  return {
    method: 'POST',
    path: new RegExp(`^/machines/([^/]+)/${spec.segment}$`, 'i'),
    family: MACHINES_FAMILY,
    roles: spec.roles,
    handle(req: RouteRequest) {
      const id = req.params[0] ?? '';
      const machine = catalogue.machine(id);
      if (!machine) return mdeError(404, 'ResourceNotFound', `Machine ${id.slice(0, 80)} was not found`);
      const body = (typeof req.body === 'object' && req.body !== null ? req.body : {}) as Record<string, unknown>;
      if (typeof body.Comment !== 'string' || body.Comment.trim() === '') {
        const miscased = Object.keys(body).find((k) => k !== 'Comment' && k.toLowerCase() === 'comment');
        return mdeError(400, 'MissingRequiredParameter', miscased ? `Parameter 'Comment' is required (parameter names are case-sensitive; got '${miscased}')` : "Parameter 'Comment' is required");
      }
      const parsed = spec.parse(body);
      if (isAnswer(parsed)) return parsed;
      if (store.active(machine.id, spec.conflicts)) return mdeError(400, 'ActiveRequestAlreadyExists', 'Action is already in progress');
      const made = store.create(machine, { type: spec.type, comment: body.Comment, scope: parsed.scope, sha1: parsed.sha1, requestor: req.caller?.clientId ?? 'unknown-app' });
      return created(req.baseUrl, made);
    },
  };
}

/** A required enum body field (e.g. ScanType), or a 400 naming it. */
export function enumField(body: Record<string, unknown>, name: string, allowed: readonly string[], fallback?: string): string | HttpAnswer {
  const value = body[name] === undefined ? fallback : body[name];
  if (value === undefined) return mdeError(400, 'MissingRequiredParameter', `Parameter '${name}' is required`);
  if (typeof value !== 'string' || !allowed.includes(value)) return mdeError(400, 'InvalidRequestBody', `${name} must be one of ${allowed.join(', ')}`);
  return value;
}
