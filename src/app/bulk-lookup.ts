import { describeMdeError } from '../mde/describe-error';
import { isMdeError, type MdeError } from '../mde/errors';
import { huntingFallbackNote, huntingForbiddenNote } from '../mde/hunting-fallback-note';
import { planBulkLookup } from '../triage/bulk';
import type { LookupOutcome, LookupResult } from '../triage/bulk-summary';
import type { FoundHash } from '../triage/hashes';
import { mapBounded } from './bounded-map';
import { md5Outcome, resolveAdvisoryMd5s } from './md5-lookup';
import { bulkSettings, type AppDeps } from './deps';

export interface BulkLookupOptions {
  /** Called after each batch or hash with how many of the `total` are done. */
  onProgress?(done: number, total: number): void;
}

export interface BulkLookupReport {
  /** One per input hash, in input order. */
  results: LookupResult[];
  /** Plain text for the summary card, each said once (e.g. why hunting was not used). */
  notes: string[];
}

/** The note for Graph's refusal, the usual one. */
export const HUNTING_FORBIDDEN_NOTE = huntingForbiddenNote(['ThreatHunting.Read.All']);

/**
 * Looks up many hashes as planned by `planBulkLookup`, after one hunting query has resolved the
 * MD5s to the files the org saw with them (md5-lookup.ts): advanced hunting for large batches, the
 * Files API one hash at a time (at most `concurrency` in flight; the client paces calls under
 * MDE's rate limits) for small ones, for whatever hunting could not answer, and for everything
 * when hunting is refused.
 *
 * A failure that would hit every hash (Verdict's credentials or Files API permission refused)
 * throws the MdeError, for the caller's error card. Any other failure of one hash becomes its row
 * ("lookup failed: …"); one bad hash never sinks the batch.
 */
export async function lookUpHashes(hashes: readonly FoundHash[], deps: AppDeps, options: BulkLookupOptions = {}): Promise<BulkLookupReport> {
  const settings = bulkSettings(deps);
  // MD5s first (one hunting query), so the files they resolve to are looked up with the rest.
  const md5s = await resolveAdvisoryMd5s(hashes, deps);
  const plan = planBulkLookup([...hashes, ...md5s.targets], { huntingThreshold: settings.huntingThreshold });
  const outcomes = new Map<string, LookupOutcome>();
  const total = plan.md5.length + plan.perHash.length + plan.huntingBatches.reduce((n, b) => n + b.length, 0);
  const progress = () => options.onProgress?.(outcomes.size, total);
  const notes: string[] = md5s.note ? [md5s.note] : [];
  // An MD5 that resolved to nothing (or could not be resolved) is done already; the others wait for their file.
  const settleMd5s = (all: boolean) =>
    plan.md5.forEach((md5) => (all || !md5s.resolutions.get(md5)?.files.length) && outcomes.set(md5, md5Outcome(md5, md5s, outcomes)));
  settleMd5s(false);
  const oneByOne = [...plan.perHash];

  let huntingRefused = false;
  for (const batch of plan.huntingBatches) {
    if (huntingRefused) {
      oneByOne.push(...batch);
      continue;
    }
    try {
      const profiles = await deps.mde.getFileProfiles(batch);
      const answered = new Map(profiles.filter((p) => !p.unavailable).map((p) => [p.hash.toLowerCase(), p.file]));
      for (const hash of batch) {
        const file = answered.get(hash);
        if (file === undefined) oneByOne.push(hash);
        else outcomes.set(hash, { kind: 'file', file });
      }
      progress();
    } catch (err) {
      if (!isMdeError(err) || err.kind === 'unauthorized') throw err;
      huntingRefused = true;
      notes.push(huntingFallbackNote(err, 'hashes'));
      oneByOne.push(...batch);
    }
  }

  await mapBounded(oneByOne, settings.concurrency, async (hash) => {
    outcomes.set(hash, await lookUpOne(hash, deps));
    progress();
  });

  settleMd5s(true);
  const results = hashes.map((hash): LookupResult => ({
    hash,
    outcome: outcomes.get(hash.value.toLowerCase()) ?? { kind: 'failed', reason: 'not looked up' },
  }));
  return { results, notes };
}

async function lookUpOne(hash: string, deps: AppDeps): Promise<LookupOutcome> {
  try {
    return { kind: 'file', file: await deps.mde.getFile(hash) };
  } catch (err) {
    if (!isMdeError(err) || isBatchWide(err)) throw err;
    return { kind: 'failed', reason: describeMdeError(err).title };
  }
}

/** Refusals that every other hash would get too: stop and show one error card instead. */
function isBatchWide(err: MdeError): boolean {
  return err.kind === 'unauthorized' || err.kind === 'forbidden';
}
