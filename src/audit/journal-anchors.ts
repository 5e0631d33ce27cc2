import { AuditJournalError, type ChainHead } from './journal';

/**
 * A record, kept outside the journal file, of an entry the journal once had: the head record
 * beside it, the outbox's delivered position in the state store, a card posted in the audit
 * channel (`#12 3f9a…`). Cutting entries off the end leaves a sound chain; only these notice.
 */
export interface HeadAnchor {
  /** Where the anchor comes from, as a person reads it. */
  source: string;
  seq: number;
  /** The entry's hash, or a prefix of it (a card shows 16 characters); none for the outbox's position. */
  hash?: string;
}

export type AnchorFinding =
  | { ok: true; anchor: HeadAnchor }
  | { ok: false; anchor: HeadAnchor; problem: 'missing-from-end' | 'rewritten'; missing: number; message: string };

/** The outbox's delivered position: every entry up to it was read from the journal and posted. */
export const outboxAnchor = (deliveredSeq: number): HeadAnchor => ({ source: 'the audit outbox (delivered position in the state store)', seq: deliveredSeq });

/**
 * Each anchor against the journal's verified head: an anchor past the head means entries are
 * missing from the end; one within it must name the entry that is there (else the tail was
 * rewritten). `hashAt` gives the journal's hash at a seq (callers collect those they need).
 */
export function checkAnchors(head: ChainHead, anchors: readonly HeadAnchor[], hashAt: (seq: number) => string | undefined): AnchorFinding[] {
  return anchors.map((anchor): AnchorFinding => {
    if (anchor.seq > head.seq) {
      const missing = anchor.seq - head.seq;
      const message = `${missing} ${missing === 1 ? 'entry' : 'entries'} missing from the end: ${anchor.source} records seq ${anchor.seq}, the journal ends at seq ${head.seq}`;
      return { ok: false, anchor, problem: 'missing-from-end', missing, message };
    }
    const actual = anchor.seq === 0 ? undefined : hashAt(anchor.seq);
    if (anchor.hash && actual !== undefined && !actual.startsWith(anchor.hash.toLowerCase())) {
      const message = `seq ${anchor.seq} is not the entry ${anchor.source} records (hash ${anchor.hash.slice(0, 16)}…, the journal has ${actual.slice(0, 16)}…): the journal was rewritten from there`;
      return { ok: false, anchor, problem: 'rewritten', missing: 0, message };
    }
    return { ok: true, anchor };
  });
}

/** Seqs whose hashes `checkAnchors` will ask for. */
export const anchoredSeqs = (anchors: readonly HeadAnchor[]): Set<number> => new Set(anchors.filter((a) => a.hash && a.seq > 0).map((a) => a.seq));

/**
 * At start: a journal behind any anchor must not be extended (new entries would take the seqs of
 * lost ones, and an outbox past the head would skip them unposted). Throws naming every problem.
 */
export function assertAnchored(head: ChainHead, anchors: readonly HeadAnchor[], hashAt: (seq: number) => string | undefined, journalPath: string): void {
  const problems = checkAnchors(head, anchors, hashAt).flatMap((f) => (f.ok ? [] : [f.message]));
  if (problems.length === 0) return;
  throw new AuditJournalError(
    `Audit journal ${journalPath}: ${problems.join('; ')}. Refusing to extend it: entries were removed or rewritten (or the journal was replaced). ` +
      'Run `npm run audit -- verify`, keep the file as evidence, and see "If verify reports a problem" in the README before starting Verdict again.',
  );
}

/** `--expect 12:3f9a1b2c4d5e6f70,15:…`: anchors copied from posted cards (hash prefix of at least 8). */
export function parseCardAnchors(text: string): HeadAnchor[] {
  return text.split(',').map((part) => {
    const m = /^#?(\d{1,15})[: ]([0-9a-fA-F]{8,64})$/.exec(part.trim());
    if (!m) throw new Error(`--expect takes seq:hash pairs as the audit channel cards show them (e.g. 12:3f9a1b2c4d5e6f70), not "${part.trim()}"`);
    return { source: `the audit channel card #${m[1]}`, seq: Number(m[1]), hash: (m[2] as string).toLowerCase() };
  });
}
