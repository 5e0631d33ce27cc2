import { writeFile } from 'node:fs/promises';
import { entriesSince, exportEntries, type ExportFormat } from '../audit/export';
import type { AuditEntry } from '../audit/journal';
import type { AuditCliIo } from './audit';

/**
 * The export half both journals share (file and blob): `--format`, `--since`, then the rows to
 * `--out` or stdout. Returns 2 for a bad option (the message written), else what was written.
 * `usage` follows an option error (the file CLI prints its usage there).
 */
export async function writeExport(entries: AuditEntry[], opts: Map<string, string>, io: AuditCliIo, usage = ''): Promise<2 | { selected: number; out?: string }> {
  const format = (opts.get('format') ?? 'csv') as ExportFormat;
  if (format !== 'csv' && format !== 'json') {
    io.err(`--format must be csv or json\n${usage ? `${usage}\n` : ''}`);
    return 2;
  }
  let selected: AuditEntry[];
  try {
    selected = entriesSince(entries, opts.get('since'));
  } catch (err) {
    io.err(`${(err as Error).message}\n`);
    return 2;
  }
  const text = exportEntries(selected, format);
  const out = opts.get('out');
  if (out) await writeFile(out, text);
  else io.out(text);
  // `npm run` (without --silent) prints its "> verdict@… audit" banner on stdout, ahead of the data.
  if (!out && io.env.npm_lifecycle_event && io.env.npm_config_loglevel !== 'silent' && !io.stdoutIsTty) {
    io.err('warning: npm printed its "> verdict audit" banner lines into this output ahead of the data; use --out <file>, or npm run --silent audit -- …\n');
  }
  return out ? { selected: selected.length, out } : { selected: selected.length };
}
