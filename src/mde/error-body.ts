import type { MdeErrorKind } from './errors';

/** The parts of MDE's `{"error":{"code","message","target"}}` we use; each may be missing. */
export interface MdeErrorBody {
  code?: string;
  message?: string;
  /** The per-request correlation id. */
  target?: string;
}

/**
 * Reads an error body leniently: MDE's JSON shape, an OData-style `{code,message}` at top level,
 * Microsoft Graph's `{"error":{code,message,innerError:{"request-id"}}}` (its request id is the
 * correlation id, kept as `target`), or anything else (HTML from a gateway, empty) as no details.
 */
export function parseMdeErrorBody(text: string): MdeErrorBody {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return {};
  }
  if (typeof json !== 'object' || json === null) return {};
  const outer = json as Record<string, unknown>;
  const inner = typeof outer.error === 'object' && outer.error !== null ? (outer.error as Record<string, unknown>) : outer;
  const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
  const innerError = typeof inner.innerError === 'object' && inner.innerError !== null ? (inner.innerError as Record<string, unknown>) : {};
  return { code: str(inner.code), message: str(inner.message), target: str(inner.target) ?? str(innerError['request-id']) };
}

/** The error kind for a non-2xx status (401 and 429 also have retry rules of their own). */
export function kindForStatus(status: number): MdeErrorKind {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status === 429) return 'throttled';
  // A gateway that gave up waiting (Graph's answer when a hunting query passes its 3-minute limit).
  if (status === 504) return 'timeout';
  if (status >= 500) return 'server';
  return 'bad-request';
}
