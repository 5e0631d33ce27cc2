import { isMdeError, MdeError } from './errors';
import { MACHINE_READ_PERMISSIONS } from './file-related';
import { nullOn404 } from './files';
import { ACTIVE_ACTION_STATUSES, mdeMachineActionSchema, type MdeMachineAction } from './machine-action';
import { odataList } from './odata-list';
import { allPages, eq, isPageSize, listQueryString, MAX_PAGE_SIZE } from './odata-query';
import type { MdeRequest } from './request';

export const ISOLATE_PERMISSIONS = ['Machine.Isolate'] as const;
/** GET /api/machineactions[/{id}] takes Machine.Read.All (or Machine.ReadWrite.All). */
export const MACHINE_ACTION_READ_PERMISSIONS = MACHINE_READ_PERMISSIONS;

/** MDE device ids are 40 hex characters (reference §4). */
export const MACHINE_ID = /^[0-9a-f]{40}$/;
/** Machine action ids are GUIDs; anything that cannot be a path segment is refused. */
const ACTION_ID = /^[A-Za-z0-9-]{1,64}$/;
/** OData DateTimeOffset literal (unquoted, OData v4), e.g. 2025-11-02T07:58:40.661Z. */
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,7})?Z$/;
const ACTION_TYPES = ['RunAntiVirusScan', 'Offboard', 'LiveResponse', 'CollectInvestigationPackage', 'Isolate', 'Unisolate', 'StopAndQuarantineFile', 'RestrictCodeExecution', 'UnrestrictCodeExecution'] as const;
const ACTION_STATUSES = ['Pending', 'InProgress', 'Succeeded', 'Failed', 'TimeOut', 'Cancelled'] as const;

/** A 201 whose action was created this long before our call is MDE handing back an old one. */
const STALE_ACTION_MS = 5 * 60_000;
const MAX_LIST_PAGES = 5;

type Options = { signal?: AbortSignal };

const badInput = (operation: string, permissions: readonly string[]) => new MdeError({ kind: 'bad-request', operation, code: 'InvalidInput', permissions });

/** The id lower-cased, or a bad-request refusal before anything is sent. */
export function machineIdOf(id: string, operation: string, permissions: readonly string[]): string {
  const v = id.trim().toLowerCase();
  if (!MACHINE_ID.test(v)) throw badInput(operation, permissions);
  return v;
}

export type IsolateResult =
  /** 201 with a MachineAction created by this call. */
  | { kind: 'created'; action: MdeMachineAction }
  /** MDE already has an action under way: a 400 saying so, or a 201 handing back an older action. */
  | { kind: 'already-pending'; actionId?: string; code?: string; target?: string };

/** True for MDE's "already under way" refusal: code ActiveRequestAlreadyExists or "already in progress". */
export function isAlreadyPendingError(err: unknown): err is MdeError {
  return isMdeError(err) && err.kind === 'bad-request' && (err.code === 'ActiveRequestAlreadyExists' || /already in progress/i.test(err.mdeMessage ?? ''));
}

/**
 * POST /api/machines/{id}/isolate `{ Comment, IsolationType }` (case-sensitive names) → 201
 * MachineAction. MDE's "already pending" answer (400 ActiveRequestAlreadyExists / "Action is
 * already in progress", or a 201 with an action that is not new: reference §4) is a result, not an
 * exception; every other failure throws MdeError. A write: never retried on 5xx or timeouts.
 */
export async function isolateMachine(
  request: MdeRequest,
  machineId: string,
  input: { comment: string; isolationType: 'Full' | 'Selective' | 'UnManagedDevice' },
  options: Options & { now?: () => number } = {},
): Promise<IsolateResult> {
  const operation = 'machines.isolate';
  const id = machineIdOf(machineId, operation, ISOLATE_PERMISSIONS);
  if (input.comment.trim() === '') throw badInput(operation, ISOLATE_PERMISSIONS);
  const startedAt = (options.now ?? Date.now)();
  let action: MdeMachineAction;
  try {
    action = await request({
      operation,
      method: 'POST',
      path: `/api/machines/${id}/isolate`,
      permissions: ISOLATE_PERMISSIONS,
      idempotent: false,
      body: { Comment: input.comment, IsolationType: input.isolationType },
      schema: mdeMachineActionSchema,
      signal: options.signal,
    });
  } catch (err) {
    if (isAlreadyPendingError(err)) return { kind: 'already-pending', code: err.code, target: err.target };
    throw err;
  }
  const created = action.creationDateTimeUtc ? Date.parse(action.creationDateTimeUtc) : NaN;
  const old = action.status === 'InProgress' || (!Number.isNaN(created) && created < startedAt - STALE_ACTION_MS);
  return old ? { kind: 'already-pending', actionId: action.id } : { kind: 'created', action };
}

export interface MachineActionsQuery {
  machineId?: string;
  type?: (typeof ACTION_TYPES)[number];
  status?: (typeof ACTION_STATUSES)[number];
  /** ISO instant: only actions created at or after it (`creationDateTimeUtc ge …`). */
  createdSince?: string;
  top?: number;
  skip?: number;
}

/** One page of GET /api/machineactions with `$filter` (machineId, type, status, creationDateTimeUtc). */
export async function listMachineActions(request: MdeRequest, query: MachineActionsQuery, options: Options = {}): Promise<MdeMachineAction[]> {
  const operation = 'machineactions.list';
  const permissions = MACHINE_ACTION_READ_PERMISSIONS;
  const filters: string[] = [];
  if (query.machineId !== undefined) filters.push(eq('machineId', machineIdOf(query.machineId, operation, permissions)));
  if (query.type !== undefined) {
    if (!ACTION_TYPES.includes(query.type)) throw badInput(operation, permissions);
    filters.push(eq('type', query.type));
  }
  if (query.status !== undefined) {
    if (!ACTION_STATUSES.includes(query.status)) throw badInput(operation, permissions);
    filters.push(eq('status', query.status));
  }
  if (query.createdSince !== undefined) {
    const t = Date.parse(query.createdSince);
    if (Number.isNaN(t)) throw badInput(operation, permissions);
    const iso = new Date(t).toISOString();
    if (!ISO_TIME.test(iso)) throw badInput(operation, permissions);
    filters.push(`creationDateTimeUtc ge ${iso}`);
  }
  if ((query.top !== undefined && !isPageSize(query.top)) || (query.skip !== undefined && !(Number.isInteger(query.skip) && query.skip >= 0))) throw badInput(operation, permissions);
  return request({
    operation,
    method: 'GET',
    path: `/api/machineactions${listQueryString({ filters, top: query.top, skip: query.skip })}`,
    permissions,
    idempotent: true,
    schema: odataList(mdeMachineActionSchema),
    signal: options.signal,
  });
}

/** Every action matching the query (paged with `$top=10000`, at most 5 pages). */
export async function listAllMachineActions(request: MdeRequest, query: Omit<MachineActionsQuery, 'top' | 'skip'>, options: Options = {}): Promise<MdeMachineAction[]> {
  return allPages((top, skip) => listMachineActions(request, { ...query, top, skip }, options), MAX_PAGE_SIZE, MAX_LIST_PAGES);
}

/** GET /api/machineactions/{id}; null on 404. */
export async function getMachineAction(request: MdeRequest, actionId: string, options: Options = {}): Promise<MdeMachineAction | null> {
  const operation = 'machineactions.get';
  const id = actionId.trim();
  if (!ACTION_ID.test(id)) throw badInput(operation, MACHINE_ACTION_READ_PERMISSIONS);
  return nullOn404(
    request({ operation, method: 'GET', path: `/api/machineactions/${encodeURIComponent(id)}`, permissions: MACHINE_ACTION_READ_PERMISSIONS, idempotent: true, schema: mdeMachineActionSchema, signal: options.signal }),
  );
}

/** Newest first by creationDateTimeUtc (MDE documents no `$orderby` here, so we sort). */
export function newestFirst<T extends { creationDateTimeUtc?: string | null }>(actions: readonly T[]): T[] {
  const at = (a: T) => (a.creationDateTimeUtc ? Date.parse(a.creationDateTimeUtc) || 0 : 0);
  return [...actions].sort((a, b) => at(b) - at(a));
}

export const isActiveAction = (a: { status: string }): boolean => ACTIVE_ACTION_STATUSES.includes(a.status);
