/**
 * The one query shape the sandbox's advanced hunting understands, parsed strictly:
 *
 *   datatable(SHA1:string)["<value>",…] | invoke FileProfile("SHA1", <n>)      (or SHA256)
 *
 * Values are double-quoted runs of letters and digits: no escapes, no quotes, nothing that could
 * end the literal. Anything else is refused like a KQL syntax error, so a client that builds
 * queries any other way (or lets input leak into them) fails loudly against the sandbox.
 */
export type ProfileColumn = 'SHA1' | 'SHA256';

export interface ParsedProfileQuery {
  idColumn: ProfileColumn;
  values: string[];
  /** FileProfile's second argument: how many records it enriches (1–1,000). */
  limit: number;
}

export type ParseOutcome = { ok: true; query: ParsedProfileQuery } | { ok: false; message: string };

const SHAPE = /^\s*datatable\(\s*(SHA1|SHA256)\s*:\s*string\s*\)\s*\[([^\]]*)\]\s*\|\s*invoke\s+FileProfile\(\s*"(SHA1|SHA256)"\s*,\s*(\d{1,5})\s*\)\s*$/;
const VALUE = /^"([0-9A-Za-z]{0,128})"$/;
const MAX_LIMIT = 1_000;

export function parseProfileQuery(text: string): ParseOutcome {
  const m = SHAPE.exec(text);
  if (!m) {
    return { ok: false, message: 'Syntax error: the sandbox runs only `datatable(SHA1:string)["…",…] | invoke FileProfile("SHA1", N)` (or SHA256) and Verdict\'s MD5 mapping query' };
  }
  const [, tableColumn, list = '', profileColumn, limitText] = m;
  if (tableColumn !== profileColumn) return { ok: false, message: `Semantic error: FileProfile("${profileColumn}") needs a ${profileColumn} column; the datatable has ${tableColumn}` };
  const limit = Number(limitText);
  if (limit < 1 || limit > MAX_LIMIT) return { ok: false, message: `Semantic error: FileProfile's record limit must be between 1 and ${MAX_LIMIT}, got ${limit}` };
  const values: string[] = [];
  if (list.trim() !== '') {
    for (const item of list.split(',')) {
      const v = VALUE.exec(item.trim());
      if (!v) return { ok: false, message: 'Syntax error: datatable values must be double-quoted letters and digits' };
      values.push(v[1] ?? '');
    }
  }
  return { ok: true, query: { idColumn: tableColumn as ProfileColumn, values, limit } };
}
