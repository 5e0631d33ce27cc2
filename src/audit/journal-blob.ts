import type { ContainerClient } from '@azure/storage-blob';
import pino, { type Logger } from 'pino';
import type { KeyValueStore } from '../util/key-value-store';
import { AuditJournalError, GENESIS_HASH, type AuditEntry, type AuditJournal, type ChainHead } from './journal';
import { assertAnchored } from './journal-anchors';
import { storedHeadWriter, readStoredHead } from './journal-blob-head';
import { appendFailure, createSegment, DEFAULT_SEGMENT_ENTRIES, listSegments, segmentAt, segmentName, type Segment } from './journal-blob-segments';
import { createSegmentReader } from './journal-blob-read';
import { sealEntry } from './journal-chain';
import { serialQueue } from '../util/serial';

export interface BlobAuditJournalOptions {
  /** The journal container (created if missing); its segments are append blobs. */
  container: ContainerClient;
  /** The shared state store: the head record lives there. */
  store: Pick<KeyValueStore, 'read' | 'write'>;
  now: () => number;
  /** Entries per new segment (default 49,000, under Azure's 50,000 blocks); tests make it small. */
  segmentEntries?: number;
  /** Attempts at one append when other writers keep getting there first (default 100). */
  maxAttempts?: number;
  logger?: Logger;
}

export interface BlobAuditJournal extends AuditJournal {
  /** For messages: `<container>/audit-*.jsonl`. */
  readonly path: string;
  /** Appends that lost the race to another writer and were re-chained (since open). */
  retries(): number;
}

/**
 * The journal in Azure append blobs, shared by every instance: one chain, one order. An append
 * goes where this writer last saw the end (`appendPosition`); Azure refuses it with 412
 * AppendPositionConditionNotMet when another instance appended first, and the writer then reads
 * the entries it missed (checking that they chain), seals its entry again after them and retries.
 * A segment full by its own limit is followed by the next (created by whichever writer gets there
 * first), the chain running on across them. Opening verifies every segment from the first; a
 * broken chain, or one behind the head record in the state store, refuses to open (see the file
 * journal). A dropped connection after Azure took the block is found on the retry: the entry at
 * that position is ours (same hash), so it is not appended twice.
 */
export async function openBlobAuditJournal(opts: BlobAuditJournalOptions): Promise<BlobAuditJournal> {
  const { container } = opts;
  const logger = opts.logger ?? pino({ level: 'silent' });
  const segmentEntries = Math.min(opts.segmentEntries ?? DEFAULT_SEGMENT_ENTRIES, 50_000);
  const maxAttempts = opts.maxAttempts ?? 100;
  const path = `${container.containerName}/audit-*.jsonl`;
  await container.createIfNotExists();

  const reader = createSegmentReader(path);
  // The head record first, then the segments: other instances append meanwhile, so read the other
  // way round the record could be ahead of the segments read and look like entries cut off the end.
  const record = await readStoredHead(opts.store);
  if (!record.ok) logger.error({ reason: record.reason }, 'audit journal: the head record in the state store is not readable; it cannot anchor this start');
  const segments: Segment[] = [];
  let head: ChainHead = { seq: 0, hash: GENESIS_HASH };
  let anchoredHash: string | undefined;
  for (const index of await listSegments(container)) {
    const seg = await segmentAt(container, index, head.seq + 1);
    if (!seg) continue;
    if (index !== (segments[segments.length - 1]?.index ?? 0) + 1) throw new AuditJournalError(`Audit journal ${path}: segment ${segmentName(index)} follows a missing one; refusing to extend it`);
    segments.push(seg);
    head = await reader.catchUp(seg, head, (entry) => {
      if (record.ok && entry.seq === record.record?.seq) anchoredHash = entry.hash;
    });
  }
  if (record.ok && record.record) {
    const anchor = record.record;
    assertAnchored(head, [{ source: 'the head record in the state store', seq: anchor.seq, hash: anchor.hash }], () => anchoredHash, path);
  }
  const heads = storedHeadWriter(opts.store, logger);
  let appended = head.seq;
  let raced = 0;
  let closed = false;
  const serial = serialQueue();

  /** Reads what other writers added, moving on to later segments as earlier ones fill. */
  async function refresh(): Promise<void> {
    for (;;) {
      const tail = segments[segments.length - 1];
      if (tail) head = await reader.catchUp(tail, head);
      if (tail && tail.starts.length < tail.limit) return;
      const next = await segmentAt(container, (tail?.index ?? 0) + 1, head.seq + 1);
      if (!next) return;
      segments.push(next);
    }
  }

  /** The segment the next entry goes to, created when the last one is full. */
  async function openTail(): Promise<Segment> {
    const tail = segments[segments.length - 1];
    if (tail && tail.starts.length < tail.limit) return tail;
    const made = await createSegment(container, (tail?.index ?? 0) + 1, segmentEntries, head.seq + 1);
    segments.push(made);
    head = await reader.catchUp(made, head);
    return made.starts.length < made.limit ? made : openTail();
  }

  async function appendOnce(input: Parameters<AuditJournal['append']>[0]): Promise<AuditEntry> {
    for (let attempt = 1; ; attempt++) {
      const tail = await openTail();
      const { entry, line } = sealEntry(head, input, new Date(opts.now()).toISOString());
      const bytes = Buffer.from(line, 'utf8');
      try {
        await tail.blob.appendBlock(bytes, bytes.length, { conditions: { appendPosition: tail.length } });
        tail.starts.push(tail.length);
        tail.length += bytes.length;
        head = { seq: entry.seq, hash: entry.hash };
        return entry;
      } catch (err) {
        const why = appendFailure(err);
        if (attempt >= maxAttempts || (why === 'other' && attempt >= 3)) throw new AuditJournalError(`Audit journal ${path}: append failed after ${attempt} attempts; nothing was recorded by this attempt`, { cause: err });
        if (why === 'full') tail.limit = tail.starts.length;
        else raced += why === 'moved' ? 1 : 0;
        if (why === 'other') logger.warn({ err, attempt }, 'audit journal: append failed; checking whether it landed before trying again');
        await refresh();
        // The block may have landed although its answer was lost: then it is ours, already there.
        if (head.seq === entry.seq && head.hash === entry.hash) return entry;
      }
    }
  }

  return {
    path,
    retries: () => raced,
    head: () => ({ ...head }),
    append(input) {
      return serial(async () => {
        if (closed) throw new AuditJournalError(`Audit journal ${path}: closed`);
        const entry = await appendOnce(input);
        appended = entry.seq;
        heads.offer({ seq: entry.seq, hash: entry.hash }, entry.at);
        return entry;
      });
    },
    refresh() {
      return serial(refresh);
    },
    read(options = {}) {
      return serial(async () => {
        await refresh();
        return reader.read(segments, options.since ?? 0, options.limit ?? Number.POSITIVE_INFINITY);
      });
    },
    verify() {
      return serial(async () => {
        const result = await reader.verifyAll(container);
        if (!result.ok) return result;
        if (result.head.seq < appended) return { ok: false as const, brokenAt: result.head.seq + 1, line: result.head.seq + 1, reason: `the journal ends at seq ${result.head.seq} but this instance appended up to seq ${appended} (entries removed)` };
        return result;
      });
    },
    close() {
      return serial(async () => {
        closed = true;
        await heads.flush();
      });
    },
  };
}
