import { EXPORT_COLUMNS, exportRow } from './export-columns';
import { deviceOutcomeRows, itemOutcomeRows } from './export-device-rows';
import type { AuditEntry } from './journal';

export type ExportFormat = 'csv' | 'json';

/**
 * One CSV cell: quoted when needed, and prefixed with ' when it would start a spreadsheet formula
 * (=, +, -, @, tab, CR) — names and comments in the journal come from users.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * An entry's rows: one, or one per device / indicator for a bulk request's outcomes. A device whose
 * outcome was journaled twice (a crash between the journal append and the run store's note of it)
 * keeps its first row: `seen` holds the request and device of each device row so far.
 */
function rows(entry: AuditEntry, seen: Set<string>): string[][] {
  const devices = deviceOutcomeRows(entry)?.filter((cells) => {
    if (!cells.target) return true;
    const key = `${cells.request_id}\n${cells.target}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return (devices ?? itemOutcomeRows(entry) ?? [exportRow(entry)]).map((cells) => EXPORT_COLUMNS.map((column) => cells[column]));
}

/** The journal as CSV (RFC 4180 line endings; columns in export-columns.ts) or as a JSON array of whole entries, oldest first. */
export function exportEntries(entries: readonly AuditEntry[], format: ExportFormat): string {
  if (format === 'json') return `${JSON.stringify(entries, null, 2)}\n`;
  const seen = new Set<string>();
  const lines = [EXPORT_COLUMNS.join(','), ...entries.flatMap((e) => rows(e, seen).map((r) => r.map(csvCell).join(',')))];
  return `${lines.join('\r\n')}\r\n`;
}

/** Entries at or after `since` (an ISO date-time, or a sequence number). */
export function entriesSince(entries: readonly AuditEntry[], since: string | undefined): AuditEntry[] {
  if (!since) return [...entries];
  if (/^\d+$/.test(since)) return entries.filter((e) => e.seq >= Number(since));
  const t = Date.parse(since);
  if (Number.isNaN(t)) throw new Error(`--since must be an ISO date-time or a sequence number, not "${since}"`);
  return entries.filter((e) => Date.parse(e.at) >= t);
}
