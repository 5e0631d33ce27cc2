import type { FileHandle } from 'node:fs/promises';
import type { AuditEntry, VerifyResult } from './journal';
import { chainChecker } from './journal-chain';

const NEWLINE = 0x0a;

export interface JournalScan {
  /** The whole chain checked, or its first break. */
  result: VerifyResult;
  /** Byte offset of each sound line: `starts[seq - 1]` is where entry `seq` begins. */
  starts: number[];
  /** Bytes of sound, complete lines (where the next entry goes). */
  end: number;
  /** Bytes after the last newline: an append that never finished (normally 0). */
  fragmentBytes: number;
}

/**
 * Reads a journal once from the start, in chunks, checking the chain line by line and noting
 * where each line starts: the bot's start-up check and its index for reading ranges, and the
 * CLI's verify. Memory stays one chunk (plus one line), however long the journal. Stops at the
 * first break. `onEntry` sees each sound entry, in order.
 */
export async function scanJournal(
  handle: FileHandle,
  opts: { onEntry?(entry: AuditEntry): void; chunkBytes?: number } = {},
): Promise<JournalScan> {
  const size = (await handle.stat()).size;
  const chunkBytes = opts.chunkBytes ?? 1024 * 1024;
  const checker = chainChecker();
  const starts: number[] = [];
  let carry = Buffer.alloc(0);
  let carryStart = 0;
  for (let position = 0; position < size; ) {
    const chunk = Buffer.alloc(Math.min(chunkBytes, size - position));
    const { bytesRead } = await handle.read(chunk, 0, chunk.length, position);
    if (bytesRead === 0) break;
    position += bytesRead;
    const buf = carry.length > 0 ? Buffer.concat([carry, chunk.subarray(0, bytesRead)]) : chunk.subarray(0, bytesRead);
    let from = 0;
    for (let nl = buf.indexOf(NEWLINE, from); nl >= 0; nl = buf.indexOf(NEWLINE, from)) {
      const lineStart = carryStart + from;
      const checked = checker.next(buf.subarray(from, nl).toString('utf8'), starts.length + 1);
      if (!checked.ok) return { result: checked, starts, end: lineStart, fragmentBytes: 0 };
      starts.push(lineStart);
      opts.onEntry?.(checked.entry);
      from = nl + 1;
    }
    carryStart += from;
    carry = Buffer.from(buf.subarray(from));
  }
  const head = checker.head();
  return { result: { ok: true, entries: head.seq, head }, starts, end: carryStart, fragmentBytes: carry.length };
}
