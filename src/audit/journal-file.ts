import { mkdir, open, readFile, stat, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import pino, { type Logger } from 'pino';
import { syncDirectory } from '../store/atomic-file';
import { AuditJournalError, type AuditEntry, type AuditJournal } from './journal';
import { parseEntryLine, sealEntry, verifyLines } from './journal-chain';
import { recoverJournal, type JournalRecovery } from './journal-recover';

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
  logger?: Logger;
}

export type { JournalRecovery } from './journal-recover';

export interface FileAuditJournal extends AuditJournal {
  readonly path: string;
  readonly recovery: JournalRecovery;
}

/**
 * The journal as a JSON Lines file: one canonical-JSON entry per line, appended through a single
 * handle in this process (appends are queued, each fsynced before it resolves). On open, the chain
 * head is recovered from the last line alone; a last complete line that is not a sound entry
 * makes opening fail (that is damage, not a crash, and a person must look: run verify). One
 * writer per file: several bot instances must not share a journal file.
 */
export async function openFileAuditJournal(opts: FileAuditJournalOptions): Promise<FileAuditJournal> {
  const { path } = opts;
  const logger = opts.logger ?? pino({ level: 'silent' });
  const maxEntryBytes = opts.maxEntryBytes ?? 64 * 1024;
  const dir = dirname(path);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const existed = await stat(path).then(() => true, () => false);
  const handle = await open(path, 'a+', 0o600);
  let recovery: JournalRecovery;
  try {
    recovery = await recoverJournal(handle, { path, now: opts.now, onTornTail: opts.onTornTail ?? 'truncate' }, logger);
    if (!existed) await syncDirectory(dir);
  } catch (error) {
    await handle.close();
    throw error;
  }

  let head = recovery.head;
  let size = (await handle.stat()).size;
  let closed = false;
  let poisoned: AuditJournalError | undefined;
  let last: Promise<unknown> = Promise.resolve();
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const run = last.then(task);
    last = run.catch(() => undefined);
    return run;
  };

  const completeLines = async (): Promise<{ lines: string[]; fragment: string }> => {
    const parts = (await readFile(path, 'utf8')).split('\n');
    const fragment = parts.pop() ?? '';
    return { lines: parts, fragment };
  };

  return {
    path,
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
        size += bytes.length;
        head = { seq: entry.seq, hash: entry.hash };
        return entry;
      });
    },

    async read(options = {}) {
      const since = options.since ?? 0;
      const limit = options.limit ?? Number.POSITIVE_INFINITY;
      const { lines } = await completeLines();
      const entries: AuditEntry[] = [];
      for (let i = 0; i < lines.length && entries.length < limit; i++) {
        const parsed = parseEntryLine(lines[i] as string);
        if (!parsed.ok) throw new AuditJournalError(`Audit journal ${path}: line ${i + 1} is ${parsed.reason}`);
        if (parsed.entry.seq > since) entries.push(parsed.entry);
      }
      return entries;
    },

    verify() {
      // In the queue: no append is half-written while the file is read.
      return serial(async () => {
        const { lines, fragment } = await completeLines();
        const result = verifyLines(lines);
        if (!result.ok) return result;
        if (fragment !== '') return { ok: false as const, brokenAt: result.head.seq + 1, line: lines.length + 1, reason: `line ${lines.length + 1} is incomplete (no newline)` };
        if (result.head.seq < head.seq) {
          return { ok: false as const, brokenAt: result.head.seq + 1, line: lines.length + 1, reason: `the file ends at seq ${result.head.seq} but this journal appended up to seq ${head.seq} (entries removed from the end)` };
        }
        if (result.head.seq === head.seq && result.head.hash !== head.hash) {
          return { ok: false as const, brokenAt: head.seq, line: lines.length, reason: `seq ${head.seq} is not the entry this journal appended (rewritten)` };
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

async function writeAll(handle: FileHandle, bytes: Buffer): Promise<void> {
  for (let offset = 0; offset < bytes.length; ) {
    const { bytesWritten } = await handle.write(bytes, offset, bytes.length - offset);
    offset += bytesWritten;
  }
}
