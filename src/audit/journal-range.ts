import { open } from 'node:fs/promises';
import { AuditJournalError, type AuditEntry } from './journal';
import { parseEntryLine } from './journal-chain';

/** Where each entry of a journal file starts, built by the start-up scan and extended on append. */
export interface JournalIndex {
  /** `starts[seq - 1]`: the byte where entry `seq` begins. */
  readonly starts: readonly number[];
  /** Bytes of complete, indexed lines. */
  readonly end: number;
}

/**
 * Entries with `seq > since`, at most `limit`, reading only their bytes: an outbox batch or
 * `/audit 10` costs the same at entry 100 as at entry 10 million. Each line is checked to be the
 * seq the index says, so a file changed under the running bot is an error, never wrong entries.
 */
export async function readIndexed(path: string, index: JournalIndex, since: number, limit: number): Promise<AuditEntry[]> {
  const count = index.starts.length;
  const end = index.end;
  // A NaN since reads from the start, a NaN limit reads nothing: never a garbage byte range.
  const from = Math.max(0, Math.floor(since)) || 0;
  const to = Math.min(count, from + (Math.max(0, Math.floor(limit)) || 0));
  if (from >= to) return [];
  const start = index.starts[from] as number;
  const stop = to < count ? (index.starts[to] as number) : end;
  const buf = Buffer.alloc(stop - start);
  const handle = await open(path, 'r');
  try {
    for (let got = 0; got < buf.length; ) {
      const { bytesRead } = await handle.read(buf, got, buf.length - got, start + got);
      if (bytesRead === 0) throw new AuditJournalError(`Audit journal ${path}: the file is shorter than the entries this journal holds (cut while running?); run the journal verify command`);
      got += bytesRead;
    }
  } finally {
    await handle.close();
  }
  const lines = buf.toString('utf8').split('\n');
  lines.pop();
  return lines.map((line, i) => {
    const seq = from + i + 1;
    const parsed = parseEntryLine(line);
    if (!parsed.ok) throw new AuditJournalError(`Audit journal ${path}: line ${seq} is ${parsed.reason}`);
    if (parsed.entry.seq !== seq) throw new AuditJournalError(`Audit journal ${path}: line ${seq} holds seq ${parsed.entry.seq} (the file changed under the running bot); run the journal verify command`);
    return parsed.entry;
  });
}
