/**
 * The device queries the sandbox's advanced hunting understands (for `/devices query`), a small
 * strict subset of KQL:
 *
 *   DeviceInfo | where OSPlatform == "Windows11" and DeviceName startswith "fleet-00" | take 50
 *   DeviceFileEvents | where SHA1 == "<sha1>" | distinct DeviceName, DeviceId
 *   DeviceInfo | where DeviceName in~ ("a", "b") or DeviceId in~ ("…") | summarize arg_max(Timestamp, DeviceName) by DeviceId
 *
 * A table, then stages: `where` (clauses joined by `and`, groups of them joined by `or`, which
 * binds looser as in KQL: ==, =~, !=, contains, has, startswith, endswith with a quoted string,
 * or `in` / `in~` with a list of them), `project` / `distinct` (columns), `take` / `limit` N,
 * `summarize arg_max(Timestamp, columns) by columns`. Anything else is refused like a KQL error,
 * naming what was not understood (clients show that text escaped).
 */
export type DeviceTable = 'DeviceInfo' | 'DeviceFileEvents';

export type Comparison = '==' | '=~' | '!=' | 'contains' | 'has' | 'startswith' | 'endswith' | 'in' | 'in~';

export interface WhereClause {
  column: string;
  op: Comparison;
  values: string[];
}

export type Stage =
  /** A row passes when every clause of at least one group holds (`a and b or c` is `[[a, b], [c]]`). */
  | { kind: 'where'; anyOf: WhereClause[][] }
  | { kind: 'project' | 'distinct'; columns: string[] }
  | { kind: 'take'; count: number }
  /** `summarize arg_max(Timestamp, …) by …`: per group, the row with the latest Timestamp. */
  | { kind: 'arg-max'; of: string; columns: string[]; by: string[] };

export type DeviceQueryParse = { ok: true; table: DeviceTable; stages: Stage[] } | { ok: false; message: string } | { ok: 'not-device' };

const TABLES: readonly DeviceTable[] = ['DeviceInfo', 'DeviceFileEvents'];
const STRING = String.raw`"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'`;
const CLAUSE = new RegExp(String.raw`^([A-Za-z][A-Za-z0-9_]*)\s*(==|=~|!=|\bcontains\b|\bhas\b|\bstartswith\b|\bendswith\b)\s*(${STRING})$`);
const IN_CLAUSE = new RegExp(String.raw`^([A-Za-z][A-Za-z0-9_]*)\s+(in~?)\s*\(\s*((?:${STRING})(?:\s*,\s*(?:${STRING}))*)\s*\)$`);
const COLUMN = /^[A-Za-z][A-Za-z0-9_]*$/;

const unquote = (literal: string): string => literal.slice(1, -1).replace(/\\(.)/g, '$1');
const clip = (s: string) => s.trim().slice(0, 120);

/** Splits where the sticky `separator` matches, outside quotes. */
function splitOutsideQuotes(text: string, separator: RegExp): string[] {
  const parts: string[] = [];
  let current = '';
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quote) {
      current += ch;
      if (ch === '\\' && i + 1 < text.length) current += text[++i];
      else if (ch === quote) quote = null;
      continue;
    }
    separator.lastIndex = i;
    const sep = separator.exec(text);
    if (sep) {
      parts.push(current);
      current = '';
      i += sep[0].length - 1;
    } else {
      if (ch === '"' || ch === "'") quote = ch;
      current += ch;
    }
  }
  parts.push(current);
  return parts.map((p) => p.trim());
}

const pipeline = (text: string): string[] => splitOutsideQuotes(text, /\|/y);

function conjunction(body: string): WhereClause[] | string {
  const clauses: WhereClause[] = [];
  for (const text of splitOutsideQuotes(body, /\s+and\s+/iy)) {
    const m = CLAUSE.exec(text);
    if (m) {
      clauses.push({ column: m[1] as string, op: m[2] as Comparison, values: [unquote(m[3] as string)] });
      continue;
    }
    const list = IN_CLAUSE.exec(text);
    if (!list) return `Syntax error: the sandbox does not understand the condition '${clip(text)}'`;
    const values = (list[3] as string).match(new RegExp(STRING, 'g')) ?? [];
    clauses.push({ column: list[1] as string, op: list[2] as Comparison, values: values.map(unquote) });
  }
  return clauses;
}

function whereStage(body: string): Stage | string {
  const anyOf: WhereClause[][] = [];
  for (const group of splitOutsideQuotes(body, /\s+or\s+/iy)) {
    const clauses = conjunction(group);
    if (typeof clauses === 'string') return clauses;
    anyOf.push(clauses);
  }
  return { kind: 'where', anyOf };
}

const ARG_MAX = /^arg_max\s*\(\s*([A-Za-z][A-Za-z0-9_]*)\s*,\s*([A-Za-z0-9_,\s]+)\)\s+by\s+([A-Za-z0-9_,\s]+)$/i;

function summarizeStage(body: string): Stage | string {
  const m = ARG_MAX.exec(body);
  if (!m) return `Syntax error: the sandbox summarizes only with 'arg_max(Timestamp, columns) by columns', got '${clip(body)}'`;
  const columns = (m[2] as string).split(',').map((c) => c.trim());
  const by = (m[3] as string).split(',').map((c) => c.trim());
  if (![...columns, ...by].every((c) => COLUMN.test(c))) return `Syntax error: summarize needs column names, got '${clip(body)}'`;
  return { kind: 'arg-max', of: m[1] as string, columns, by };
}

function stageOf(text: string): Stage | string {
  const m = /^(where|project|distinct|take|limit|summarize)\s+([\s\S]+)$/i.exec(text);
  if (!m) return `Syntax error: the sandbox does not understand '| ${clip(text)}' (it runs where, project, distinct, take, limit and summarize arg_max)`;
  const verb = (m[1] as string).toLowerCase();
  const rest = (m[2] as string).trim();
  if (verb === 'where') return whereStage(rest);
  if (verb === 'summarize') return summarizeStage(rest);
  if (verb === 'take' || verb === 'limit') return /^\d{1,6}$/.test(rest) ? { kind: 'take', count: Number(rest) } : `Syntax error: ${verb} needs a row count, got '${clip(rest)}'`;
  const columns = rest.split(',').map((c) => c.trim());
  if (!columns.every((c) => COLUMN.test(c))) return `Syntax error: ${verb} needs column names, got '${clip(rest)}'`;
  return { kind: verb as 'project' | 'distinct', columns };
}

export function parseDeviceQuery(text: string): DeviceQueryParse {
  const [head = '', ...rest] = pipeline(text.trim());
  if (!TABLES.includes(head as DeviceTable)) return { ok: 'not-device' };
  const stages: Stage[] = [];
  for (const part of rest) {
    const stage = stageOf(part);
    if (typeof stage === 'string') return { ok: false, message: stage };
    stages.push(stage);
  }
  return { ok: true, table: head as DeviceTable, stages };
}
