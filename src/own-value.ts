/**
 * A constant table's entry for a key that came from outside (a journal field, an MDE value, a JWT
 * header). `table[key]` would find `constructor`, `toString` or `__proto__` on Object.prototype;
 * only the table's own entries count here.
 */
export function ownValue<V>(table: Readonly<Record<string, V>>, key: string): V | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}
