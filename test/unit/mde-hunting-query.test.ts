import { buildFileProfileQueries, fileProfileQuery, MAX_HASHES_PER_QUERY, profileColumnOf } from '../../src/mde/hunting-query';

const sha1 = (n: number) => n.toString(16).padStart(40, '0');
const sha256 = (n: number) => n.toString(16).padStart(64, '0');
const A1 = 'a'.repeat(40);
const B1 = 'b'.repeat(40);
const C256 = 'c'.repeat(64);

describe('FileProfile query builder', () => {
  it('when given SHA-1s, then it builds exactly the documented datatable | invoke FileProfile shape', () => {
    expect(fileProfileQuery('SHA1', [A1, B1])).toBe(`datatable(SHA1:string)["${A1}","${B1}"] | invoke FileProfile("SHA1", 2)`);
  });

  it('when SHA-1s and SHA-256s are mixed, then they go in separate queries by column, duplicates once', () => {
    const queries = buildFileProfileQueries([A1, C256, B1, A1]);
    expect(queries.map((q) => [q.idColumn, q.hashes])).toEqual([
      ['SHA1', [A1, B1]],
      ['SHA256', [C256]],
    ]);
    expect(queries[1]?.query).toBe(`datatable(SHA256:string)["${C256}"] | invoke FileProfile("SHA256", 1)`);
  });

  it('when 2,500 SHA-1s are given, then they are split in chunks of at most 1,000, each asking FileProfile for its own count', () => {
    const hashes = Array.from({ length: 2_500 }, (_, i) => sha1(i + 1));
    const queries = buildFileProfileQueries(hashes);
    expect(queries.map((q) => q.hashes.length)).toEqual([1_000, 1_000, 500]);
    expect(queries.flatMap((q) => q.hashes)).toEqual(hashes);
    expect(queries[2]?.query.endsWith('| invoke FileProfile("SHA1", 500)')).toBe(true);
    expect(MAX_HASHES_PER_QUERY).toBe(1_000);
  });

  it.each([
    ['a double quote', `${A1.slice(0, 39)}"`],
    ['the end of the literal and a pipe', `${A1.slice(0, 37)}"]|`],
    ['a newline', `${A1.slice(0, 39)}\n`],
    ['a backslash', `${A1.slice(0, 39)}\\`],
    ['upper-case hex', A1.toUpperCase()],
    ['an MD5', 'd41d8cd98f00b204e9800998ecf8427e'],
    ['41 characters', `${A1}a`],
    ['a KQL operator', `" | take 1 | project AccountUpn //${'a'.repeat(10)}`],
    ['a non-string', 42 as unknown as string],
    ['an empty string', ''],
  ])('when a value is %s, then the builder throws instead of putting it in a query', (_label, value) => {
    expect(() => buildFileProfileQueries([A1, value])).toThrow(/lower-case SHA-1 or SHA-256/);
    expect(() => profileColumnOf(value)).toThrow();
  });

  it('when the column does not match a value, or the chunk is empty or too big, then fileProfileQuery throws', () => {
    expect(() => fileProfileQuery('SHA256', [A1])).toThrow(/SHA256/);
    expect(() => fileProfileQuery('SHA1', [])).toThrow(/1–1000/);
    expect(() => fileProfileQuery('SHA1', Array.from({ length: 1_001 }, (_, i) => sha1(i)))).toThrow(/got 1001/);
  });

  it('when every query is scanned, then nothing but hex, the fixed keywords and punctuation ever appears', () => {
    const text = buildFileProfileQueries([A1, sha256(7), B1]).map((q) => q.query).join('\n');
    const stripped = text.replace(/"[0-9a-f]{40}"|"[0-9a-f]{64}"/g, 'H');
    expect(stripped.split('\n')).toEqual(['datatable(SHA1:string)[H,H] | invoke FileProfile("SHA1", 2)', 'datatable(SHA256:string)[H] | invoke FileProfile("SHA256", 1)']);
  });
});
