import type { ContainerClient } from '@azure/storage-blob';
import { AuditJournalError, type AuditEntry, type ChainHead, type VerifyResult } from './journal';
import { chainChecker, follows, parseEntryLine } from './journal-chain';
import { bytesAfter, bytesBetween, listSegments, segmentAt, type Segment } from './journal-blob-segments';

const NEWLINE = 0x0a;

/** Complete lines of `buf` with their offsets (relative to `base`); a block is always a whole line. */
function linesOf(buf: Buffer, base: number): { text: string; at: number }[] {
  const out: { text: string; at: number }[] = [];
  let from = 0;
  for (let nl = buf.indexOf(NEWLINE); nl >= 0; nl = buf.indexOf(NEWLINE, from)) {
    out.push({ text: buf.subarray(from, nl).toString('utf8'), at: base + from });
    from = nl + 1;
  }
  if (from !== buf.length) out.push({ text: buf.subarray(from).toString('utf8'), at: base + from });
  return out;
}

/**
 * Reading the blob journal: catching a segment up with what other writers appended (each entry
 * must follow the chain, or the journal is damaged and nothing more is appended), ranges for the
 * outbox and `/audit`, and a full verification from the first segment.
 */
export function createSegmentReader(path: string) {
  const damaged = (segment: Segment, at: number, reason: string) =>
    new AuditJournalError(`Audit journal ${path}: segment ${segment.blob.name} at byte ${at} ${reason}; refusing to extend a damaged chain (run \`npm run audit -- verify\`)`);

  return {
    /** Reads `segment` from where this writer last saw its end; returns the new chain head. */
    async catchUp(segment: Segment, head: ChainHead, onEntry?: (entry: AuditEntry) => void): Promise<ChainHead> {
      const buf = await bytesAfter(segment, segment.length);
      let current = head;
      for (const line of linesOf(buf, segment.length)) {
        const parsed = parseEntryLine(line.text);
        if (!parsed.ok) throw damaged(segment, line.at, `is ${parsed.reason}`);
        if (!follows(current, parsed.entry)) throw damaged(segment, line.at, `holds seq ${parsed.entry.seq}, which does not follow seq ${current.seq}`);
        if (segment.starts.length >= segment.limit) throw damaged(segment, line.at, `holds more entries than its limit of ${segment.limit}`);
        segment.starts.push(line.at);
        onEntry?.(parsed.entry);
        current = { seq: parsed.entry.seq, hash: parsed.entry.hash };
      }
      segment.length += buf.length;
      return current;
    },

    /** Entries with seq > since, at most `limit`, reading only their bytes. */
    async read(segments: readonly Segment[], since: number, limit: number): Promise<AuditEntry[]> {
      const out: AuditEntry[] = [];
      let want = Math.max(0, Math.floor(since) || 0) + 1;
      let left = Math.max(0, Math.floor(limit) || 0);
      for (const seg of segments) {
        if (left === 0) break;
        const from = want - seg.firstSeq;
        if (from >= seg.starts.length) continue;
        const to = Math.min(seg.starts.length, from + left);
        const start = seg.starts[from] as number;
        const end = to < seg.starts.length ? (seg.starts[to] as number) : seg.length;
        for (const line of linesOf(await bytesBetween(seg, start, end), start)) {
          const parsed = parseEntryLine(line.text);
          if (!parsed.ok || parsed.entry.seq !== want) throw damaged(seg, line.at, `is not seq ${want} (changed under the running bot?)`);
          out.push(parsed.entry);
          want += 1;
        }
        left = limit - out.length;
      }
      return out;
    },

    /** Every segment from the first, line by line; `line` in a failure counts entries from the start. */
    async verifyAll(container: ContainerClient): Promise<VerifyResult> {
      const checker = chainChecker();
      let lineNo = 0;
      let previous: number | undefined;
      for (const index of await listSegments(container)) {
        const seg = await segmentAt(container, index, checker.head().seq + 1);
        if (!seg) continue;
        const expected = (previous ?? 0) + 1;
        if (index !== expected) return { ok: false, brokenAt: checker.head().seq + 1, line: lineNo + 1, reason: `segment ${expected} is missing (deleted?)` };
        previous = index;
        for (const line of linesOf(await bytesAfter(seg, 0), 0)) {
          const checked = checker.next(line.text, ++lineNo);
          if (!checked.ok) return { ...checked, reason: `${checked.reason} (segment ${seg.blob.name})` };
        }
      }
      const head = checker.head();
      return { ok: true, entries: head.seq, head };
    },
  };
}
