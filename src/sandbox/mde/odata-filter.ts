import type { HttpAnswer } from '../http-kit';
import { mdeError } from './mde-errors';

/** One `field op value` clause of a `$filter`. */
export interface FilterClause {
  field: string;
  op: 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';
  /** The literal: a quoted string unquoted (`''` → `'`), or the bare token (dates, numbers, true). */
  value: string;
}

const CLAUSE = /^\s*([A-Za-z]+)\s+(eq|ne|gt|ge|lt|le)\s+('(?:[^']|'')*'|[^\s']+)\s*$/;
const MAX_PAGE = 10_000;

/**
 * The subset of OData `$filter` the sandbox understands: clauses joined with `and`, each a
 * property, a comparison and a literal. Anything else (or, functions, parentheses, a property the
 * API does not filter on) is 400 ODataError, as MDE answers what it cannot parse.
 */
export function parseFilter(text: string | null, fields: readonly string[]): FilterClause[] | HttpAnswer {
  if (text === null || text.trim() === '') return [];
  const clauses: FilterClause[] = [];
  for (const part of text.split(/\s+and\s+/i)) {
    const m = CLAUSE.exec(part);
    if (!m) return mdeError(400, 'ODataError', `The query specified in the URI is not valid: cannot parse '${part.trim().slice(0, 120)}'`);
    const [, field = '', op = 'eq', raw = ''] = m;
    if (!fields.includes(field)) return mdeError(400, 'ODataError', `The query specified in the URI is not valid. Could not find a property named '${field}' that can be filtered on.`);
    const value = raw.startsWith("'") ? raw.slice(1, -1).replace(/''/g, "'") : raw;
    clauses.push({ field, op: op as FilterClause['op'], value });
  }
  return clauses;
}

/** Whether an entity's property satisfies a clause: strings compare case-insensitively, times as instants. */
export function matches(actual: unknown, clause: FilterClause): boolean {
  if (clause.op === 'eq' || clause.op === 'ne') {
    const same = String(actual ?? '').toLowerCase() === clause.value.toLowerCase();
    return clause.op === 'eq' ? same : !same;
  }
  const a = Date.parse(String(actual ?? ''));
  const b = Date.parse(clause.value);
  if (Number.isNaN(a) || Number.isNaN(b)) return false;
  switch (clause.op) {
    case 'gt':
      return a > b;
    case 'ge':
      return a >= b;
    case 'lt':
      return a < b;
    default:
      return a <= b;
  }
}

export const isAnswer = (v: unknown): v is HttpAnswer => typeof v === 'object' && v !== null && !Array.isArray(v) && 'status' in v;

/** `$top` (1–10,000, default all up to 10,000) and `$skip` (≥ 0), or a 400 ODataError. */
export function parsePaging(query: URLSearchParams): { top: number; skip: number } | HttpAnswer {
  const top = query.get('$top');
  const skip = query.get('$skip');
  const int = (v: string) => /^\d+$/.test(v);
  if (top !== null && !(int(top) && Number(top) >= 1 && Number(top) <= MAX_PAGE)) return mdeError(400, 'ODataError', `The value of $top must be an integer between 1 and ${MAX_PAGE}`);
  if (skip !== null && !int(skip)) return mdeError(400, 'ODataError', 'The value of $skip must be a non-negative integer');
  return { top: top === null ? MAX_PAGE : Number(top), skip: skip === null ? 0 : Number(skip) };
}
