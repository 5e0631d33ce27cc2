/**
 * Canonical JSON for hashing: object keys sorted (by UTF-16 code units, as RFC 8785 does), no
 * whitespace, and only JSON's own values. `undefined` object members are left out (as
 * JSON.stringify does); anything JSON cannot hold exactly (NaN, Infinity, bigint, functions,
 * Dates and other class instances, undefined in arrays) is a TypeError instead of a silent change.
 */
export function canonicalJson(value: unknown): string {
  return write(value, '$');
}

function write(value: unknown, path: string): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonical JSON: ${path} is not a finite number`);
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map((v, i) => write(v, `${path}[${i}]`)).join(',')}]`;
      const proto = Object.getPrototypeOf(value) as unknown;
      if (proto !== Object.prototype && proto !== null) throw new TypeError(`canonical JSON: ${path} is not a plain object`);
      const members = Object.keys(value)
        .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
        .sort()
        .map((k) => `${JSON.stringify(k)}:${write((value as Record<string, unknown>)[k], `${path}.${k}`)}`);
      return `{${members.join(',')}}`;
    }
    default:
      throw new TypeError(`canonical JSON: ${path} is ${typeof value}, which JSON cannot hold`);
  }
}
