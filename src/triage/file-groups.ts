import type { LookupOutcome, LookupResult } from './bulk-summary';
import { hashTypeOf, type FoundHash } from './hashes';

/**
 * The hashes of one file, pasted as several (its SHA-256, SHA-1 and MD5), are one entry: the
 * profile MDE returns carries all three, so results whose hashes meet in a profile are grouped.
 * A hash MDE has no profile for stays alone (nothing says which file it belongs to).
 */
export interface FileGroup {
  /** The strongest pasted hash (SHA-256 > SHA-1 > MD5): MDE prefers it when indicators conflict. */
  primary: FoundHash;
  /** Every pasted hash of this file, in pasted order (primary included). */
  hashes: FoundHash[];
  outcome: LookupOutcome;
  /** Every known hash of the file (pasted or from its profile), lower-case: for matching indicators. */
  ids: Set<string>;
}

const STRENGTH: Readonly<Record<FoundHash['type'], number>> = { sha256: 3, sha1: 2, md5: 1 };

function idsOf({ hash, outcome }: LookupResult): string[] {
  const ids = [hash.value.toLowerCase()];
  if (outcome.kind !== 'file' || !outcome.file) return ids;
  const profile = [outcome.file.sha256, outcome.file.sha1, outcome.file.md5].filter((h): h is string => !!h && hashTypeOf(h) !== undefined).map((h) => h.toLowerCase());
  // A profile ties hashes together only when it is the profile of what was asked (it names the
  // pasted hash, or the file an MD5 resolved to): one that names neither says nothing about it.
  const own = profile.includes(ids[0] as string) || (outcome.resolved !== undefined && profile.includes(outcome.resolved.sha.toLowerCase()));
  if (outcome.resolved) ids.push(outcome.resolved.sha.toLowerCase());
  return own ? [...ids, ...profile] : ids;
}

/** Profiles are what ties hashes together: results with one form the groups, the others may join them. */
const hasProfile = (outcome: LookupOutcome): boolean => outcome.kind === 'file' && outcome.file !== null;

/** Groups in order of their first pasted hash. */
export function groupByFile(results: readonly LookupResult[]): FileGroup[] {
  const byId = new Map<string, FileGroup>();
  const firstSeen = new Map<FileGroup, number>();
  const join = (group: FileGroup, result: LookupResult, ids: readonly string[]) => {
    group.hashes.push(result.hash);
    for (const id of ids) group.ids.add(id);
    if (STRENGTH[result.hash.type] > STRENGTH[group.primary.type]) group.primary = result.hash;
  };
  results.forEach((result, index) => {
    if (!hasProfile(result.outcome)) return;
    const ids = idsOf(result);
    let group = ids.map((id) => byId.get(id)).find((g) => g !== undefined);
    if (group) join(group, result, ids);
    else {
      group = { primary: result.hash, hashes: [result.hash], outcome: result.outcome, ids: new Set(ids) };
      firstSeen.set(group, index);
    }
    for (const id of ids) byId.set(id, group);
  });
  // A hash without a profile of its own (an MD5 hunting could not map, a failed lookup) still
  // belongs to a file whose profile names it.
  results.forEach((result, index) => {
    if (hasProfile(result.outcome)) return;
    const key = result.hash.value.toLowerCase();
    const group = byId.get(key);
    if (group) {
      join(group, result, [key]);
      firstSeen.set(group, Math.min(firstSeen.get(group) ?? index, index));
      return;
    }
    const alone: FileGroup = { primary: result.hash, hashes: [result.hash], outcome: result.outcome, ids: new Set([key]) };
    byId.set(key, alone);
    firstSeen.set(alone, index);
  });
  const groups = [...firstSeen.keys()].sort((a, b) => (firstSeen.get(a) ?? 0) - (firstSeen.get(b) ?? 0));
  // Pasted order within a group, whatever order the passes met them in.
  const order = new Map(results.map((r, i) => [r.hash, i]));
  for (const g of groups) g.hashes.sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
  return groups;
}
