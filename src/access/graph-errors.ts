/** What went wrong asking Microsoft Graph, as a closed set the cards and logs can explain. */
export type GraphErrorKind = 'bad-request' | 'unauthorized' | 'forbidden' | 'throttled' | 'server' | 'timeout' | 'network' | 'malformed';

/** Least-privileged application permissions for `checkMemberGroups` (reference §3). */
export const CHECK_MEMBER_GROUPS_PERMISSIONS: readonly string[] = Object.freeze(['GroupMember.Read.All', 'User.Read.All']);

export interface GraphErrorInit {
  kind: GraphErrorKind;
  /** e.g. `users.checkMemberGroups`, or `token`. */
  operation: string;
  status?: number;
  /** Graph's `error.code`, e.g. `Authorization_RequestDenied`; or the AADSTS code of a token failure. */
  code?: string;
  /** Graph's `error.innerError['request-id']`: the id Microsoft support asks for. */
  requestId?: string;
  permissions?: readonly string[];
  retryAfterMs?: number;
  cause?: unknown;
}

export class GraphError extends Error {
  readonly kind: GraphErrorKind;
  readonly operation: string;
  readonly status?: number;
  readonly code?: string;
  readonly requestId?: string;
  readonly permissions: readonly string[];
  readonly retryAfterMs?: number;

  constructor(init: GraphErrorInit) {
    const permissions = init.permissions ?? [];
    const hint = init.kind === 'forbidden' && permissions.length
      ? `: the app needs the application permissions ${permissions.join(' + ')} (admin consent)`
      : '';
    super(`graph.${init.kind}: ${init.operation}${init.status ? ` (HTTP ${init.status})` : ''}${init.code ? ` ${init.code}` : ''}${hint}`, { cause: init.cause });
    this.name = 'GraphError';
    this.kind = init.kind;
    this.operation = init.operation;
    this.status = init.status;
    this.code = init.code;
    this.requestId = init.requestId;
    this.permissions = permissions;
    this.retryAfterMs = init.retryAfterMs;
  }
}

export const isGraphError = (e: unknown): e is GraphError => e instanceof GraphError;

/** Graph's `{"error":{"code","message","innerError":{"request-id",…}}}`, read leniently. */
export function parseGraphErrorBody(text: string): { code?: string; requestId?: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return {};
  }
  const error = (json as { error?: { code?: unknown; innerError?: Record<string, unknown> } } | null)?.error;
  const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
  return { code: str(error?.code), requestId: str(error?.innerError?.['request-id']) };
}

export function graphKindForStatus(status: number): GraphErrorKind {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 429) return 'throttled';
  if (status >= 500) return 'server';
  return 'bad-request';
}
