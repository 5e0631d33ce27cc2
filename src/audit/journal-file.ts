import { mkdir, open, stat, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import pino, { type Logger } from 'pino';
import { syncDirectory } from '../store/atomic-file';
import { AuditJournalError, type AuditJournal, type ChainHead } from './journal';
import { sealEntry } from './journal-chain';
import { assertAnchored } from './journal-anchors';
import { headRecordPath, readHeadRecord, removeStaleHeadTemps, writeHeadRecord } from './journal-head-record';
import { readIndexed } from './journal-range';
import { recoverJournal, type JournalRecovery } from './journal-recover';
import { scanJournal } from './journal-scan';
import { serialQueue } from '../util/serial';

export interface FileAuditJournalOptions {
  /** The journal, e.g. `${STATE_DIR}/audit.jsonl`; created (with its directory) if missing. */
  path: string;
  /** Milliseconds since the epoch, for each entry's `at`. */
  now: () => number;
  /**
   * A last line without its newline at start is an append that never resolved (a crash mid-write).
   * `truncate` (default) moves those bytes to `<path>.torn-<time>` and cuts them off; `refuse`
   * fails to open. A complete, correctly chained entry that only lacks its newline is kept.
   */
  onTornTail?: 'truncate' | 'refuse';
  /** Largest line accepted (default 64 KiB), so start-up never reads far to find the last line. */
  maxEntryBytes?: number;
  /** The head record (seq and hash of the last entry), rewritten after each append; default `audit.head.json` beside `path`. */
  headPath?: string;
  logger?: Logger;
}

export type { JournalRecovery } from './journal-recover';

export interface FileAuditJournal extends AuditJournal {
  readonly path: string;
  readonly headPath: string;
  readonly recovery: JournalRecovery;
}

/**
 * The journal as a JSON Lines file: one canonical-JSON entry per line, appended through a single
 * handle in this process (appends are queued, each fsynced before it resolves). On open, a torn
 * last line is dealt with (journal-recover.ts), then the whole chain is verified and compared with
 * the head record beside it: a broken chain, or one that lost entries from its end, makes opening
 * fail (that is damage, not a crash; a person must look: run verify), because extending it would
 * bury the damage. The same pass indexes where each entry starts, so reads touch only the
 * entries asked for. After each append the head record is rewritten. One writer per file:
 * several bot instances must not share a journal file.
 */
export async function openFileAuditJournal(opts: FileAuditJournalOptions): Promise<FileAuditJournal> {
  const { path } = opts;
  const logger = opts.logger ?? pino({ level: 'silent' });
  const maxEntryBytes = opts.maxEntryBytes ?? 64 * 1024;
  const dir = dirname(path);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const existed = await stat(path).then(() => true, () => false);
  const handle = await open(path, 'a+', 0o600);
  const headPath = opts.headPath ?? headRecordPath(path);
  let recovery: JournalRecovery;
  let verified: { starts: number[]; head: ChainHead };
  try {
    recovery = await recoverJournal(handle, { path, now: opts.now, onTornTail: opts.onTornTail ?? 'truncate' }, logger);
    if (!existed) await syncDirectory(dir);
    verified = await verifyAtOpen(handle, path, headPath, logger);
  } catch (error) {
    await handle.close();
    throw error;
  }

  const { starts } = verified;
  let head = verified.head;
  let size = (await handle.stat()).size;
  let closed = false;
  let poisoned: AuditJournalError | undefined;
  const serial = serialQueue();

  const recordHead = async (at: string): Promise<void> => {
    try {
      await writeHeadRecord(headPath, head, at);
    } catch (err) {
      // The entry is durable; a stale record only anchors less. Logged, and rewritten next time.
      logger.error({ err, headPath, seq: head.seq }, 'audit journal: could not write the head record');
    }
  };

  return {
    path,
    headPath,
    recovery,
    head: () => ({ ...head }),

    append(input) {
      return serial(async () => {
        if (closed) throw new AuditJournalError(`Audit journal ${path}: closed`);
        if (poisoned) throw poisoned;
        const { entry, line } = sealEntry(head, input, new Date(opts.now()).toISOString());
        const bytes = Buffer.from(line, 'utf8');
        if (bytes.length > maxEntryBytes) throw new RangeError(`audit entry of ${bytes.length} bytes exceeds ${maxEntryBytes}`);
        try {
          await writeAll(handle, bytes);
          await handle.datasync();
        } catch (cause) {
          // Undo a partial line, or every later entry would follow garbage.
          try {
            await handle.truncate(size);
            await handle.datasync();
          } catch (undo) {
            poisoned = new AuditJournalError(`Audit journal ${path}: an append failed and could not be undone; refusing further appends`, { cause: undo });
            logger.fatal({ path, seq: entry.seq, err: cause }, 'audit journal damaged');
            throw poisoned;
          }
          throw new AuditJournalError(`Audit journal ${path}: append of seq ${entry.seq} failed; nothing was recorded`, { cause });
        }
        starts.push(size);
        size += bytes.length;
        head = { seq: entry.seq, hash: entry.hash };
        await recordHead(entry.at);
        return entry;
      });
    },

    read(options = {}) {
      return readIndexed(path, { starts, end: size }, options.since ?? 0, options.limit ?? Number.POSITIVE_INFINITY);
    },

    verify() {
      // In the queue: no append is half-written while the file is read.
      return serial(async () => {
        const reader = await open(path, 'r');
        const scan = await scanJournal(reader).finally(() => reader.close());
        const { result } = scan;
        const lines = scan.starts.length;
        if (!result.ok) return result;
        if (scan.fragmentBytes > 0) return { ok: false as const, brokenAt: result.head.seq + 1, line: lines + 1, reason: `line ${lines + 1} is incomplete (no newline)` };
        if (result.head.seq < head.seq) {
          return { ok: false as const, brokenAt: result.head.seq + 1, line: lines + 1, reason: `the file ends at seq ${result.head.seq} but this journal appended up to seq ${head.seq} (entries removed from the end)` };
        }
        if (result.head.seq === head.seq && result.head.hash !== head.hash) {
          return { ok: false as const, brokenAt: head.seq, line: lines, reason: `seq ${head.seq} is not the entry this journal appended (rewritten)` };
        }
        return result;
      });
    },

    close() {
      return serial(async () => {
        if (closed) return;
        closed = true;
        await handle.close();
      });
    },
  };
}

/**
 * The whole chain, then the head record, before anything is appended; returns where each entry
 * starts. Throws AuditJournalError when the chain is broken or behind its head record.
 */
async function verifyAtOpen(handle: FileHandle, path: string, headPath: string, logger: Logger): Promise<{ starts: number[]; head: ChainHead }> {
  await removeStaleHeadTemps(headPath);
  const read = await readHeadRecord(headPath);
  if (!read.ok) logger.error({ headPath, reason: read.reason }, 'audit journal: the head record is not readable; it cannot anchor this start and is rewritten');
  const record = read.ok ? read.record : undefined;
  let anchoredHash: string | undefined;
  let lastAt = '';
  const scan = await scanJournal(handle, {
    onEntry: (e) => {
      if (e.seq === record?.seq) anchoredHash = e.hash;
      lastAt = e.at;
    },
  });
  const { result } = scan;
  if (!result.ok) {
    throw new AuditJournalError(`Audit journal ${path}: the chain is broken at seq ${result.brokenAt} (line ${result.line}): ${result.reason}. Refusing to extend a broken chain: run \`npm run audit -- verify\`, keep the file as evidence, and see "If verify reports a problem" in the README.`);
  }
  if (scan.fragmentBytes > 0) throw new AuditJournalError(`Audit journal ${path}: ${scan.fragmentBytes} bytes after the last complete line; refusing to extend it`);
  const head: ChainHead = result.head;
  if (record) assertAnchored(head, [{ source: `the head record ${headPath}`, seq: record.seq, hash: record.hash }], () => anchoredHash, path);
  else if (head.seq > 0 && read.ok) logger.warn({ headPath, seq: head.seq }, 'audit journal: no head record beside a non-empty journal (first start with one, or deleted); writing it now');
  if (head.seq > 0 && (!record || record.seq !== head.seq || record.hash !== head.hash)) await writeHeadRecord(headPath, head, lastAt);
  return { starts: scan.starts, head };
}

async function writeAll(handle: FileHandle, bytes: Buffer): Promise<void> {
  for (let offset = 0; offset < bytes.length; ) {
    const { bytesWritten } = await handle.write(bytes, offset, bytes.length - offset);
    offset += bytesWritten;
  }
}
