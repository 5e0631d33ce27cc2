import { readdir, readFile, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { writeFileAtomic } from '../store/atomic-file';
import type { ChainHead } from './journal';

/** The head record beside the journal: `audit.jsonl` → `audit.head.json`. */
export const headRecordPath = (journalPath: string): string =>
  journalPath.endsWith('.jsonl') ? `${journalPath.slice(0, -'.jsonl'.length)}.head.json` : `${journalPath}.head.json`;

export interface HeadRecord extends ChainHead {
  /** When it was written (ISO 8601 UTC). */
  at: string;
}

export type HeadRecordRead = { ok: true; record?: HeadRecord } | { ok: false; reason: string };

const HEX64 = /^[0-9a-f]{64}$/;

/** The record, none (no file), or why the file is not one. */
export async function readHeadRecord(path: string): Promise<HeadRecordRead> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { ok: true };
    return { ok: false, reason: `unreadable (${(err as NodeJS.ErrnoException).code ?? 'error'})` };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'not valid JSON' };
  }
  const r = json as Partial<HeadRecord> | null;
  if (!r || !Number.isInteger(r.seq) || (r.seq as number) < 0 || typeof r.hash !== 'string' || !HEX64.test(r.hash)) return { ok: false, reason: 'not a head record' };
  return { ok: true, record: { seq: r.seq as number, hash: r.hash, at: typeof r.at === 'string' ? r.at : '' } };
}

/**
 * Written after each append, once the entry is fsynced, and replaced atomically (rename). Not
 * fsynced itself: after a power cut it can only be older than the journal (harmless, it then
 * anchors less) or missing or unreadable (reported, and rewritten at the next start).
 */
export function writeHeadRecord(path: string, head: ChainHead, at: string): Promise<void> {
  return writeFileAtomic(path, `${JSON.stringify({ seq: head.seq, hash: head.hash, at })}\n`, { durable: false });
}

/** Temp files of head-record writes a crash interrupted (the rename never happened, so they hold nothing needed). */
export async function removeStaleHeadTemps(path: string): Promise<void> {
  const prefix = `${basename(path)}.`;
  const names = await readdir(dirname(path));
  await Promise.all(names.filter((n) => n.startsWith(prefix) && n.endsWith('.tmp')).map((n) => rm(join(dirname(path), n), { force: true })));
}
