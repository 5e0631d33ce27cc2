import type { AuditEntry } from '../audit/journal';
import { checkAnchors, outboxAnchor, parseCardAnchors, type HeadAnchor } from '../audit/journal-anchors';
import { readStoredHead } from '../audit/journal-blob-head';
import { bytesAfter, listSegments, segmentAt } from '../audit/journal-blob-segments';
import { parseEntryLine, verifyLines } from '../audit/journal-chain';
import { storageOutboxState } from '../audit/outbox-wiring';
import { createStorage } from '../store/create-storage';
import type { AuditCliIo } from './audit';
import { writeExport } from './audit-export-write';

/**
 * `npm run audit -- verify|export` with STATE_STORE=blob: the journal's segments, in order, from
 * STATE_BLOB_JOURNAL_CONTAINER; its head record and the outbox position from STATE_BLOB_CONTAINER.
 * Read only: nothing is created, written or leased, so it is safe while the instances run.
 */
export async function runBlobAuditCli(command: 'verify' | 'export', opts: Map<string, string>, io: AuditCliIo): Promise<number> {
  const connection = io.env.STATE_BLOB_CONNECTION_STRING;
  if (!connection) {
    io.err('STATE_STORE=blob needs STATE_BLOB_CONNECTION_STRING to read the journal\n');
    return 2;
  }
  const journalContainer = io.env.STATE_BLOB_JOURNAL_CONTAINER || 'verdict-journal';
  const where = `blob container ${journalContainer}`;
  let lines: string[];
  let anchors: HeadAnchor[];
  const notes: string[] = [];
  try {
    const { BlobServiceClient } = await import('@azure/storage-blob');
    const state = await createStorage({ kind: 'blob', connectionString: connection, container: io.env.STATE_BLOB_CONTAINER || 'verdict-state' });
    // Anchors before the journal (as for the file): appends meanwhile only put the journal ahead.
    anchors = opts.get('expect') ? parseCardAnchors(opts.get('expect') as string) : [];
    const head = await readStoredHead(state);
    if (!head.ok) notes.push(`the head record in the state store is ${head.reason}`);
    else if (head.record) anchors.push({ source: 'the head record in the state store', seq: head.record.seq, hash: head.record.hash });
    const { deliveredSeq } = await storageOutboxState({ read: (keys) => state.read(keys), write: () => Promise.reject(new Error('read only')) }).load();
    if (deliveredSeq > 0) anchors.push(outboxAnchor(deliveredSeq));
    lines = await segmentLines(BlobServiceClient.fromConnectionString(connection).getContainerClient(journalContainer), notes);
  } catch (err) {
    io.err(`cannot read the journal in ${where}: ${(err as Error).message}\n`);
    return 2;
  }
  const result = verifyLines(lines);
  const entries = lines.map(parseEntryLine).flatMap((p) => (p.ok ? [p.entry] : [])) as AuditEntry[];
  const hashes = new Map(entries.map((e) => [e.seq, e.hash]));
  const problems = result.ok ? checkAnchors(result.head, anchors, (seq) => hashes.get(seq)).flatMap((f) => (f.ok ? [] : [f.message])) : [];
  if (command === 'verify') {
    if (!result.ok) io.out(`BROKEN at seq ${result.brokenAt} (entry ${result.line} of ${where}): ${result.reason}\n`);
    else {
      const chain = `${result.entries} entries, chain intact; head seq ${result.head.seq}, hash ${result.head.hash}`;
      io.out(problems.length > 0 ? `${problems.map((p) => `BROKEN: ${p}`).join('\n')}\n(the ${chain})\n` : `OK: ${chain}\n`);
    }
    for (const note of notes) io.out(`note: ${note}\n`);
    return result.ok && problems.length === 0 ? 0 : 1;
  }
  if ((await writeExport(entries, opts, io)) === 2) return 2;
  if (!result.ok) io.err(`warning: the chain is BROKEN at seq ${result.brokenAt}: ${result.reason}\n`);
  for (const problem of problems) io.err(`warning: BROKEN: ${problem}\n`);
  return result.ok && problems.length === 0 ? 0 : 1;
}

/** Every segment's lines, in segment order; a gap in the segment numbers is reported as a missing segment. */
async function segmentLines(container: import('@azure/storage-blob').ContainerClient, notes: string[]): Promise<string[]> {
  const lines: string[] = [];
  let expected = 1;
  for (const index of await listSegments(container)) {
    if (index !== expected) notes.push(`segment ${expected} is missing (the chain check below shows where)`);
    expected = index + 1;
    const seg = await segmentAt(container, index, 0);
    if (!seg) continue;
    const text = (await bytesAfter(seg, 0)).toString('utf8');
    lines.push(...text.split('\n').filter((l, i, all) => i < all.length - 1 || l !== ''));
  }
  return lines;
}
