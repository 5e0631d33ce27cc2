/**
 * The only attribute keys telemetry may carry. Each is an id, a name from our own code, a
 * status or a count, never text a person typed, a token or a person's name. Anything else is
 * dropped by `safeAttributes`, and strings are cut short, so a mistake cannot leak much.
 */
export const ATTRIBUTE_KEYS = [
  'activity.type',
  'activity.channel',
  'verdict.command',
  'verdict.verb',
  'verdict.outcome',
  'api.family',
  'api.operation',
  'api.outcome',
  'api.attempts',
  'http.response.status_code',
  'mde.correlation_id',
  'graph.request_id',
  'error.type',
  'containment.kind',
  'containment.decision',
] as const;

export type AttributeKey = (typeof ATTRIBUTE_KEYS)[number];

const ALLOWED: ReadonlySet<string> = new Set(ATTRIBUTE_KEYS);
const MAX_STRING = 80;
/** Correlation and request ids are GUID-like; anything else MDE or Graph might put there is dropped. */
const ID_KEYS: ReadonlySet<string> = new Set(['mde.correlation_id', 'graph.request_id']);
const ID_SHAPE = /^[A-Za-z0-9-]{1,64}$/;

export function safeAttributes(attributes: Record<string, unknown> | undefined): Record<string, string | number | boolean> {
  // A plain object is safe here: only keys from the fixed list above are ever set.
  const out: Record<string, string | number | boolean> = {};
  if (!attributes) return out;
  for (const [key, value] of Object.entries(attributes)) {
    if (!ALLOWED.has(key) || value === undefined || value === null) continue;
    if (typeof value === 'number' || typeof value === 'boolean') out[key] = value;
    else if (typeof value === 'string') {
      if (ID_KEYS.has(key) && !ID_SHAPE.test(value)) continue;
      out[key] = value.slice(0, MAX_STRING);
    }
  }
  return out;
}
