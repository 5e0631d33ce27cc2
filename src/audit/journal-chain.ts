import { createHash } from 'node:crypto';
import { z } from 'zod';
import { canonicalJson } from './canonical-json';
import { AUDIT_ENTRY_TYPES, GENESIS_HASH, type AuditEntry, type AuditEntryInput, type ChainHead, type VerifyResult } from './journal';

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');
const HEX64 = /^[0-9a-f]{64}$/;

/** SHA-256 of the entry's canonical JSON without `hash`. */
export function entryHash(entry: Omit<AuditEntry, 'hash'> & { hash?: string }): string {
  const { hash: _ignored, ...content } = entry;
  return sha256(canonicalJson(content));
}

/**
 * The next entry after `head`, and its line (canonical JSON plus a newline). The entry returned
 * is parsed back from the line, so what callers hold is exactly what was hashed and written.
 */
export function sealEntry(head: ChainHead, input: AuditEntryInput, at: string): { entry: AuditEntry; line: string } {
  if (!(AUDIT_ENTRY_TYPES as readonly string[]).includes(input.type)) throw new TypeError(`audit entry: unknown type ${JSON.stringify(input.type)}`);
  const content = {
    seq: head.seq + 1,
    at,
    type: input.type,
    actor: { aadObjectId: input.actor.aadObjectId, name: input.actor.name },
    requestId: input.requestId,
    data: input.data ?? {},
    prev: head.hash,
  };
  const json = canonicalJson({ ...content, hash: sha256(canonicalJson(content)) });
  return { entry: JSON.parse(json) as AuditEntry, line: `${json}\n` };
}

const entrySchema = z.object({
  seq: z.number().int().min(1),
  at: z.string(),
  type: z.enum(AUDIT_ENTRY_TYPES),
  actor: z.object({ aadObjectId: z.string().optional(), name: z.string().optional() }),
  requestId: z.string().optional(),
  data: z.record(z.string(), z.unknown()),
  prev: z.string().regex(HEX64),
  hash: z.string().regex(HEX64),
});

/** One line as an entry, or why it is not one. */
export function parseEntryLine(line: string): { ok: true; entry: AuditEntry } | { ok: false; reason: string } {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return { ok: false, reason: 'not valid JSON' };
  }
  const parsed = entrySchema.safeParse(json);
  if (!parsed.success) return { ok: false, reason: `not an audit entry (${parsed.error.issues.map((i) => i.path.join('.') || '(root)').join(', ')})` };
  return { ok: true, entry: json as AuditEntry };
}

/** True when `entry` follows `head` exactly: next seq, prev = head's hash, and its own hash right. */
export function follows(head: ChainHead, entry: AuditEntry): boolean {
  return entry.seq === head.seq + 1 && entry.prev === head.hash && entry.hash === entryHash(entry);
}

/** A line checked against the chain so far: the entry, or where and why the chain breaks. */
export type LineCheck = { ok: true; entry: AuditEntry } | Extract<VerifyResult, { ok: false }>;

/**
 * The chain checked one line at a time, so a journal of any size is verified in one pass without
 * holding it in memory (the bot at start, the CLI, `verifyLines`).
 */
export function chainChecker(): { head(): ChainHead; next(line: string, lineNo: number): LineCheck } {
  let head: ChainHead = { seq: 0, hash: GENESIS_HASH };
  return {
    head: () => ({ ...head }),
    next(line, lineNo) {
      const expected = head.seq + 1;
      const broken = (reason: string): LineCheck => ({ ok: false, brokenAt: expected, line: lineNo, reason });
      const parsed = parseEntryLine(line);
      if (!parsed.ok) return broken(`line ${lineNo} is ${parsed.reason}`);
      const { entry } = parsed;
      if (entry.seq > expected) return broken(`expected seq ${expected}, found ${entry.seq}: entries missing (deleted?)`);
      if (entry.seq < expected) return broken(`expected seq ${expected}, found ${entry.seq}: entries out of order or repeated (reordered or inserted?)`);
      if (entry.prev !== head.hash) return broken(`seq ${entry.seq}: prev is not the hash of seq ${head.seq} (an entry before it was changed, removed or inserted)`);
      if (entry.hash !== entryHash(entry)) return broken(`seq ${entry.seq}: hash does not match its content (edited)`);
      head = { seq: entry.seq, hash: entry.hash };
      return { ok: true, entry };
    },
  };
}

/**
 * Checks complete lines (without their newlines) from the start of the journal: every line an
 * entry, seq 1, 2, 3…, each `prev` the hash of the entry before, each `hash` its content's.
 * Edited entries fail their own hash; deleted, reordered and inserted ones break seq or prev.
 * Entries cut off the end, or a tail rewritten and re-hashed, are only caught against a head
 * kept elsewhere (journal-anchors.ts).
 */
export function verifyLines(lines: readonly string[]): VerifyResult {
  const checker = chainChecker();
  for (let i = 0; i < lines.length; i++) {
    const checked = checker.next(lines[i] as string, i + 1);
    if (!checked.ok) return checked;
  }
  const head = checker.head();
  return { ok: true, entries: head.seq, head };
}
