import type { Md5Sighting } from '../mde/client';
import type { MdeFile } from '../mde/file';
import { groupByFile } from './file-groups';
import type { FoundHash } from './hashes';
import { decideVerdict, VERDICT_LABEL, VERDICT_RANK, type VerdictLevel } from './verdict';

/**
 * What looking one hash up gave: a file profile (null: MDE has none; for an MD5, the profile of
 * the file it resolved to, with `resolved`), an MD5 hunting could not resolve (`unseen`: hunting
 * answered and no device in the org saw it), or a failure.
 */
export type LookupOutcome =
  | { kind: 'file'; file: MdeFile | null; resolved?: { sha: string; sighting: Md5Sighting } }
  | { kind: 'md5'; unseen?: true }
  /** `reason`: plain text, e.g. the title of the MDE failure. */
  | { kind: 'failed'; reason: string };

export interface LookupResult {
  hash: FoundHash;
  outcome: LookupOutcome;
}

export type SummaryCategory = VerdictLevel | 'failed' | 'md5' | 'md5-unseen';

/**
 * Most dangerous first. The verdict levels keep VERDICT_RANK's order; a failed lookup sits right
 * after Suspicious (it could be anything, and a retry is cheap), an unresolved MD5 right after
 * Unknown (unjudged, but a hand query may resolve it), and an MD5 the org never saw just before
 * Not found (there is nothing to judge, but no device has it either).
 */
export const SUMMARY_RANK: Readonly<Record<SummaryCategory, number>> = {
  malicious: VERDICT_RANK.malicious,
  suspicious: VERDICT_RANK.suspicious,
  failed: VERDICT_RANK.suspicious + 0.5,
  unknown: VERDICT_RANK.unknown,
  md5: VERDICT_RANK.unknown + 0.5,
  clean: VERDICT_RANK.clean,
  'md5-unseen': VERDICT_RANK['not-found'] - 0.5,
  'not-found': VERDICT_RANK['not-found'],
};

/** In rank order; the summary card lists counts in this order. */
export const SUMMARY_CATEGORIES: readonly SummaryCategory[] = (Object.keys(SUMMARY_RANK) as SummaryCategory[]).sort(
  (a, b) => SUMMARY_RANK[a] - SUMMARY_RANK[b],
);

/** Row labels (short) and count titles (explicit). */
export const SUMMARY_LABEL: Readonly<Record<SummaryCategory, string>> = { ...VERDICT_LABEL, failed: 'Failed', md5: 'MD5', 'md5-unseen': 'Not seen' };
export const SUMMARY_COUNT_TITLE: Readonly<Record<SummaryCategory, string>> = {
  ...VERDICT_LABEL,
  failed: 'Lookup failed',
  md5: 'MD5 (not resolved)',
  'md5-unseen': 'MD5 never seen in your org',
};

export interface SummaryRow {
  /** The file's strongest pasted hash. */
  hash: FoundHash;
  /** Every pasted hash of this file (its SHA-256, SHA-1 and MD5 are one row), `hash` included. */
  hashes: FoundHash[];
  category: SummaryCategory;
  /** Plain text (cards escape it): the threat name, or why there is no verdict. */
  note: string;
}

export interface LookupSummary {
  /** One per file, most dangerous first; input order within a category. */
  rows: SummaryRow[];
  /** Files per category (the hashes of one file count once). */
  counts: Record<SummaryCategory, number>;
}

const TYPE_NAME: Readonly<Record<FoundHash['type'], string>> = { sha256: 'SHA-256', sha1: 'SHA-1', md5: 'MD5' };

export function summariseLookups(results: readonly LookupResult[]): LookupSummary {
  const counts = Object.fromEntries(SUMMARY_CATEGORIES.map((c) => [c, 0])) as Record<SummaryCategory, number>;
  const rows = groupByFile(results).map((group): SummaryRow => {
    const row = rowFor({ hash: group.primary, outcome: group.outcome });
    const others = group.hashes.filter((h) => h !== group.primary);
    if (others.length === 0) return { ...row, hashes: group.hashes };
    const also = `same file as the pasted ${others.map((h) => TYPE_NAME[h.type]).join(' and ')}`;
    return { ...row, hashes: group.hashes, note: row.note ? `${row.note}; ${also}` : also };
  });
  for (const row of rows) counts[row.category] += 1;
  // Array.prototype.sort is stable, so rows of one category keep the order they were pasted in.
  rows.sort((a, b) => SUMMARY_RANK[a.category] - SUMMARY_RANK[b.category]);
  return { rows, counts };
}

function rowFor({ hash, outcome }: LookupResult): Omit<SummaryRow, 'hashes'> {
  switch (outcome.kind) {
    case 'md5':
      return outcome.unseen
        ? { hash, category: 'md5-unseen', note: 'no device in your org saw this MD5 in the last 30 days' }
        : { hash, category: 'md5', note: 'not resolved: see Details for a hunting query' };
    case 'failed':
      return { hash, category: 'failed', note: `lookup failed: ${outcome.reason}` };
    case 'file': {
      const verdict = decideVerdict(outcome.file);
      const note = verdict.threatName ?? (verdict.level === 'not-found' ? 'MDE has no record of this file' : '');
      if (!outcome.resolved) return { hash, category: verdict.level, note };
      const { sha, sighting } = outcome.resolved;
      const where = `MD5 of ${sha.slice(0, 12)}…, on ${sighting.deviceCount} ${sighting.deviceCount === 1 ? 'device' : 'devices'}`;
      return { hash, category: verdict.level, note: note ? `${where}; ${note}` : where };
    }
  }
}
