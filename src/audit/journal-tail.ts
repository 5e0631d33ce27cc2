import type { FileHandle } from 'node:fs/promises';

const NEWLINE = 0x0a;

export interface Tail {
  /** The last newline-terminated line, without its newline; undefined when there is none. */
  lastLine?: string;
  /** Where the last complete line starts (0 when the file has one line or none). */
  lastLineStart: number;
  /** Bytes after the last newline: a line whose append never finished (normally empty). */
  fragment: Buffer;
  /** Where `fragment` starts: the length of the file's complete lines. */
  fragmentStart: number;
}

/**
 * Reads the end of a JSON Lines file backwards, in growing chunks, until it holds the last
 * complete line: start-up costs the same for a journal of ten entries or ten million.
 * (0x0A never occurs inside a UTF-8 multi-byte sequence, so splitting bytes on it is safe.)
 */
export async function readTail(handle: FileHandle, size: number, firstChunk = 64 * 1024): Promise<Tail> {
  for (let chunk = firstChunk; ; chunk *= 2) {
    const start = Math.max(0, size - chunk);
    const buf = Buffer.alloc(size - start);
    if (buf.length > 0) await handle.read(buf, 0, buf.length, start);
    const end = buf.lastIndexOf(NEWLINE);
    if (end < 0) {
      if (start === 0) return { lastLineStart: 0, fragment: buf, fragmentStart: 0 };
      continue;
    }
    const before = end === 0 ? -1 : buf.lastIndexOf(NEWLINE, end - 1);
    if (before < 0 && start > 0) continue;
    return {
      lastLine: buf.subarray(before + 1, end).toString('utf8'),
      lastLineStart: start + before + 1,
      fragment: buf.subarray(end + 1),
      fragmentStart: start + end + 1,
    };
  }
}
