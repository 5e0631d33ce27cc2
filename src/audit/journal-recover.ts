import { open, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Logger } from 'pino';
import { syncDirectory } from '../store/atomic-file';
import { AuditJournalError, GENESIS_HASH, type ChainHead } from './journal';
import { entryHash, follows, parseEntryLine } from './journal-chain';
import { readTail } from './journal-tail';

/** What opening found and did. */
export interface JournalRecovery {
  head: ChainHead;
  /** Bytes of a torn last line cut off at start (0 normally). */
  tornBytes: number;
  /** Where those bytes were kept. */
  tornFile?: string;
  /** The last entry was whole but lacked its newline, which was added. */
  completedLastLine: boolean;
}

export interface RecoverOptions {
  path: string;
  now: () => number;
  onTornTail: 'truncate' | 'refuse';
}

/**
 * Finds the chain head from the file's last line and deals with a torn tail (see
 * FileAuditJournalOptions.onTornTail). Throws AuditJournalError when the last complete line is
 * not a sound entry: that is damage, not a crash, and appending after it would hide it.
 */
export async function recoverJournal(handle: FileHandle, opts: RecoverOptions, logger: Logger): Promise<JournalRecovery> {
  const { path } = opts;
  const size = (await handle.stat()).size;
  const result: JournalRecovery = { head: { seq: 0, hash: GENESIS_HASH }, tornBytes: 0, completedLastLine: false };
  if (size === 0) return result;
  const tail = await readTail(handle, size);

  if (tail.lastLine !== undefined) {
    const parsed = parseEntryLine(tail.lastLine);
    const reason = !parsed.ok ? parsed.reason : parsed.entry.hash !== entryHash(parsed.entry) ? 'an entry whose hash does not match its content' : undefined;
    if (!parsed.ok || reason) {
      throw new AuditJournalError(`Audit journal ${path}: the last complete line (at byte ${tail.lastLineStart}) is ${reason}; refusing to extend a damaged chain (run the journal verify command)`);
    }
    result.head = { seq: parsed.entry.seq, hash: parsed.entry.hash };
  }
  if (tail.fragment.length === 0) return result;

  const whole = parseEntryLine(tail.fragment.toString('utf8'));
  if (whole.ok && follows(result.head, whole.entry)) {
    await handle.write(Buffer.from('\n'));
    await handle.datasync();
    logger.warn({ path, seq: whole.entry.seq }, 'audit journal: last entry lacked its newline; completed');
    return { ...result, head: { seq: whole.entry.seq, hash: whole.entry.hash }, completedLastLine: true };
  }
  if (opts.onTornTail === 'refuse') {
    throw new AuditJournalError(`Audit journal ${path}: ${tail.fragment.length} bytes after the last complete line (a torn append); refusing to open (onTornTail: refuse)`);
  }
  const tornFile = `${path}.torn-${new Date(opts.now()).toISOString().replace(/[:.]/g, '-')}`;
  const kept = await open(tornFile, 'wx', 0o600);
  try {
    await kept.writeFile(tail.fragment);
    await kept.sync();
  } finally {
    await kept.close();
  }
  await handle.truncate(tail.fragmentStart);
  await handle.datasync();
  await syncDirectory(dirname(path));
  logger.warn({ path, tornBytes: tail.fragment.length, tornFile, seq: result.head.seq }, 'audit journal: torn last line set aside and cut off');
  return { ...result, tornBytes: tail.fragment.length, tornFile };
}
