/** What went wrong talking to MDE, as a closed set the cards can explain. */
export type MdeErrorKind =
  | 'bad-request' // 400
  | 'unauthorized' // 401, or the token endpoint refused our credentials
  | 'forbidden' // 403: valid token, missing permission or feature off
  | 'not-found' // 404
  | 'throttled' // 429 still there after our retries
  | 'server' // 5xx still there after our retries
  | 'timeout' // no answer within the request timeout
  | 'network' // connection refused, DNS, TLS
  | 'malformed'; // 2xx with a body we cannot parse

export interface MdeErrorInit {
  kind: MdeErrorKind;
  status?: number;
  /** MDE's `error.code`, e.g. `Forbidden`, `InvalidHashValue`. */
  code?: string;
  /** MDE's `error.target`: the per-request correlation id. */
  target?: string;
  /** MDE's `error.message` (free-form; only for matching known texts such as "already in progress", never shown as is). */
  mdeMessage?: string;
  /** The API operation, e.g. `files.get`. */
  operation: string;
  /** Permissions the operation needs, for messages like "the app lacks File.Read.All". */
  permissions?: readonly string[];
  retryAfterMs?: number;
  cause?: unknown;
}

export class MdeError extends Error {
  readonly kind: MdeErrorKind;
  readonly status?: number;
  readonly code?: string;
  readonly target?: string;
  readonly mdeMessage?: string;
  readonly operation: string;
  readonly permissions: readonly string[];
  readonly retryAfterMs?: number;

  constructor(init: MdeErrorInit) {
    super(`mde.${init.kind}: ${init.operation}${init.status ? ` (HTTP ${init.status})` : ''}${init.code ? ` ${init.code}` : ''}`, {
      cause: init.cause,
    });
    this.name = 'MdeError';
    this.kind = init.kind;
    this.status = init.status;
    this.code = init.code;
    this.target = init.target;
    this.mdeMessage = init.mdeMessage;
    this.operation = init.operation;
    this.permissions = init.permissions ?? [];
    this.retryAfterMs = init.retryAfterMs;
  }
}

export const isMdeError = (e: unknown): e is MdeError => e instanceof MdeError;
