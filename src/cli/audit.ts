/**
 * `npm run --silent audit -- export [--format csv|json] [--since <iso|seq>] [--out <file>] [--file <journal>]`
 * `npm run --silent audit -- verify [--file <journal>] [--expect <seq>:<hash>,…] [--head <file>] [--state-dir <dir>]`
 *
 * Reads the journal, its head record and the outbox position only (never writes them), so it is
 * safe while the bot runs. Exit codes: 0 ok, 1 the chain is broken or entries are missing from
 * its end, 2 bad usage or unreadable file.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseEntryLine, verifyLines } from '../audit/journal-chain';
import type { AuditEntry } from '../audit/journal';
import { checkAnchors } from '../audit/journal-anchors';
import { gatherAnchors, type Anchors } from './audit-anchors';
import { verifyJournal } from './audit-verify';
import { runBlobAuditCli } from './audit-blob';
import { writeExport } from './audit-export-write';

const USAGE = `usage:
  npm run --silent audit -- export [--format csv|json] [--since <ISO date-time | seq>] [--out <file>] [--file <journal>]
  npm run --silent audit -- verify [--file <journal>] [--expect <seq>:<hash>,...] [--head <file>] [--state-dir <dir>]
The journal defaults to $STATE_DIR/audit.jsonl (STATE_DIR defaults to ./.verdict); with STATE_STORE=blob,
the append blobs in STATE_BLOB_JOURNAL_CONTAINER (STATE_BLOB_CONNECTION_STRING). verify also
checks the journal's end against its head record (audit.head.json beside it), the audit outbox's
delivered position (<state dir>/state) and any --expect pairs copied from audit channel cards (#12 3f9a…).`;

export interface AuditCliIo {
  out(text: string): void;
  err(text: string): void;
  env: Record<string, string | undefined>;
  /** Whether stdout is a terminal (the npm banner warning is for redirected output only). */
  stdoutIsTty?: boolean;
}

function options(args: string[]): Map<string, string> {
  const map = new Map<string, string>();
  for (let i = 0; i < args.length; i += 2) {
    const key = args[i] ?? '';
    const value = args[i + 1];
    if (!key.startsWith('--') || value === undefined) throw new Error(`unexpected argument "${key}"`);
    map.set(key.slice(2), value);
  }
  return map;
}

async function journalLines(path: string): Promise<string[]> {
  const text = await readFile(path, 'utf8');
  // A torn last line (no newline) is an append that never completed; the bot sets it aside on start.
  const lines = text.split('\n');
  lines.pop();
  return lines;
}

/** Runs the CLI; returns the exit code. */
export async function runAuditCli(argv: string[], io: AuditCliIo): Promise<number> {
  const [command, ...rest] = argv;
  let opts: Map<string, string>;
  try {
    opts = options(rest);
    if (command !== 'export' && command !== 'verify') throw new Error(command ? `unknown command "${command}"` : 'missing command');
  } catch (err) {
    io.err(`${(err as Error).message}\n${USAGE}\n`);
    return 2;
  }
  // STATE_STORE=blob: the journal is in append blobs (several instances); --file still reads a file.
  if (io.env.STATE_STORE === 'blob' && !opts.has('file')) return runBlobAuditCli(command, opts, io);
  const path = opts.get('file') ?? join(io.env.STATE_DIR ?? './.verdict', 'audit.jsonl');
  if (command === 'verify') return verify(path, opts, io);
  let lines: string[];
  let anchors: Anchors;
  try {
    // Anchors first (as verify does): a bot appending meanwhile only puts the journal ahead of them.
    anchors = await gatherAnchors(path, anchorOptions(opts, io));
    lines = await journalLines(path);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    io.err(e.code ? `cannot read the journal at ${path}: ${e.code}\n` : `${e.message}\n${USAGE}\n`);
    return 2;
  }
  const result = verifyLines(lines);
  const entries = lines.map(parseEntryLine).flatMap((p) => (p.ok ? [p.entry] : [])) as AuditEntry[];
  const written = await writeExport(entries, opts, io, USAGE);
  if (written === 2) return 2;
  const { selected, out } = written;
  if (!result.ok) {
    io.err(`warning: the chain is BROKEN at seq ${result.brokenAt} (line ${result.line}): ${result.reason}\n`);
    return 1;
  }
  const hashes = new Map(entries.map((e) => [e.seq, e.hash]));
  const missing = checkAnchors(result.head, anchors.anchors, (seq) => hashes.get(seq)).flatMap((f) => (f.ok ? [] : [f.message]));
  for (const problem of missing) io.err(`warning: BROKEN: ${problem}\n`);
  if (missing.length === 0 && out) io.err(`exported ${selected} of ${result.entries} entries to ${out}; chain intact\n`);
  return missing.length === 0 ? 0 : 1;
}

const anchorOptions = (opts: Map<string, string>, io: AuditCliIo) => ({
  head: opts.get('head'),
  stateDir: opts.get('state-dir'),
  expect: opts.get('expect'),
  blobStore: io.env.STATE_STORE === 'blob',
});

async function verify(path: string, opts: Map<string, string>, io: AuditCliIo): Promise<number> {
  try {
    const anchors = await gatherAnchors(path, anchorOptions(opts, io));
    const { text, code } = await verifyJournal(path, anchors);
    io.out(text);
    return code;
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    io.err(e.code ? `cannot read the journal at ${path}: ${e.code}\n` : `${e.message}\n${USAGE}\n`);
    return 2;
  }
}

if (require.main === module) {
  runAuditCli(process.argv.slice(2), {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
    env: process.env,
    stdoutIsTty: process.stdout.isTTY,
  }).then((code) => process.exit(code));
}
