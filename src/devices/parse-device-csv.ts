import { deviceKeyOf, KeyCollector, type DeviceKey } from './device-keys';
import { MAX_INPUT_CHARS } from './limits';

export interface CsvBadRow {
  /** 1-based line of the file where the row starts (the header is line 1). */
  line: number;
  reason: string;
}

export interface ParsedDeviceCsv {
  /** The column the devices were read from, as the header spells it. */
  column: string;
  keys: DeviceKey[];
  duplicates: string[];
  badRows: CsvBadRow[];
}

export type DeviceCsvOutcome =
  | { ok: true; csv: ParsedDeviceCsv }
  | { ok: false; reason: 'empty' | 'too-long' | 'no-column' | 'unclosed-quote'; chars?: number; header?: string[]; line?: number };

/** Header names read as a device id column first, then as a name column (any case). */
const ID_COLUMNS = ['deviceid', 'machineid', 'id'];
const NAME_COLUMNS = ['name', 'devicename', 'computerdnsname', 'computername'];

type CsvRecord = { line: number; fields: string[] };

/**
 * RFC 4180 records: fields split on commas, double-quoted fields may hold commas, new lines and
 * `""`; CRLF or LF; a leading BOM is dropped. Each record keeps the line it started on.
 */
export function csvRecords(text: string): CsvRecord[] | { unclosedAt: number } {
  const src = text.replace(/^\uFEFF/, '');
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  let quoteLine = 0;
  const endRecord = () => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0]?.trim() === '')) records.push({ line: start, fields });
    fields = [];
    field = '';
  };
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        field += ch;
      }
    } else if (ch === '"' && field.trim() === '') (quoted = true), (field = ''), (quoteLine = line);
    else if (ch === ',') fields.push(field), (field = '');
    else if (ch === '\r' && src[i + 1] === '\n') continue;
    else if (ch === '\n' || ch === '\r') endRecord(), line++, (start = line);
    else field += ch;
  }
  if (quoted) return { unclosedAt: quoteLine };
  endRecord();
  return records;
}

/** The index of the device column in a header row, preferring an id column; -1 if none. */
export function deviceColumn(header: readonly string[]): number {
  const names = header.map((h) => h.trim().toLowerCase());
  for (const wanted of [...ID_COLUMNS, ...NAME_COLUMNS]) {
    const at = names.indexOf(wanted);
    if (at >= 0) return at;
  }
  return -1;
}

/**
 * True when pasted text is a CSV rather than a list: its first line is a header naming a device
 * column, or it has several lines with the same number of commas (at least one) on each, as a
 * table has. A comma list on one line, or a list one device per line, stays a list.
 */
export function looksLikeDeviceCsv(text: string): boolean {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l.trim() !== '');
  const first = lines[0] ?? '';
  if (!first.includes(',')) return false;
  const records = csvRecords(first);
  if (!('unclosedAt' in records) && deviceColumn(records[0]?.fields ?? []) >= 0) return true;
  const commas = (l: string) => l.replace(/"[^"]*"/g, '').split(',').length - 1;
  return lines.length >= 2 && lines.every((l) => commas(l) === commas(first));
}

/** Pasted (or sent) CSV with a `DeviceId` or `Name` column: its devices, duplicates, and bad rows by line. */
export function parseDeviceCsv(text: string): DeviceCsvOutcome {
  if (text.length > MAX_INPUT_CHARS) return { ok: false, reason: 'too-long', chars: text.length };
  const records = csvRecords(text);
  if ('unclosedAt' in records) return { ok: false, reason: 'unclosed-quote', line: records.unclosedAt };
  const [header, ...rows] = records;
  if (!header) return { ok: false, reason: 'empty' };
  const column = deviceColumn(header.fields);
  if (column < 0) return { ok: false, reason: 'no-column', header: header.fields.slice(0, 10).map((h) => h.trim().slice(0, 40)) };
  const collector = new KeyCollector();
  const badRows: CsvBadRow[] = [];
  for (const row of rows) {
    const value = (row.fields[column] ?? '').trim();
    const key = value === '' ? null : deviceKeyOf(value);
    if (key) collector.add(key, value);
    else badRows.push({ line: row.line, reason: value === '' ? `no value in ${header.fields[column]?.trim()}` : `'${value.slice(0, 60)}' is neither a device id nor a computer name` });
  }
  if (collector.keys.length === 0 && badRows.length === 0) return { ok: false, reason: 'empty' };
  return { ok: true, csv: { column: (header.fields[column] ?? '').trim(), keys: collector.keys, duplicates: collector.duplicates, badRows } };
}
