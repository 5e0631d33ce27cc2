import type { Md5Resolution } from '../mde/client';
import { describeMdeError } from '../mde/describe-error';
import { isMdeError, type MdeError } from '../mde/errors';
import type { LookupOutcome } from '../triage/bulk-summary';
import type { FoundHash } from '../triage/hashes';
import type { AppDeps } from './deps';

/**
 * MD5s through advanced hunting: MD5 → the SHA-256 (else SHA-1) of the file the org saw with it,
 * then that file's verdict the normal way (one MD5: md5VerdictCard in file-verdict.ts; an advisory's:
 * below). When hunting is refused or does not answer, the MD5 stays unresolved, with the query to
 * run by hand. A refusal of Verdict's credentials is thrown.
 */

/** Why an MD5 was not resolved, in a sentence for its card or the summary's notes. */
export function unresolvedWhy(err: MdeError): string {
  return err.kind === 'forbidden' && err.permissions.length > 0
    ? `Advanced hunting is not permitted for Verdict (${err.permissions.join(', ')}), so I could not resolve it.`
    : `Advanced hunting did not answer (${describeMdeError(err).title}), so I could not resolve it.`;
}

export const targetOf = (resolution: Md5Resolution | undefined): FoundHash | undefined => {
  const best = resolution?.files[0];
  if (best?.sha256) return { value: best.sha256, type: 'sha256' };
  if (best?.sha1) return { value: best.sha1, type: 'sha1' };
  return undefined;
};

export interface AdvisoryMd5s {
  /** By lower-case MD5; empty when hunting was refused. */
  resolutions: Map<string, Md5Resolution>;
  /** The SHA-256s/SHA-1s to look up for the resolved MD5s. */
  targets: FoundHash[];
  /** Said once on the summary when the MD5s could not be resolved. */
  note?: string;
}

/** Resolves every MD5 of an advisory in one hunting query. */
export async function resolveAdvisoryMd5s(hashes: readonly FoundHash[], deps: AppDeps): Promise<AdvisoryMd5s> {
  const md5s = [...new Set(hashes.filter((h) => h.type === 'md5').map((h) => h.value.toLowerCase()))];
  if (md5s.length === 0) return { resolutions: new Map(), targets: [] };
  try {
    const resolutions = new Map((await deps.mde.resolveMd5s(md5s)).map((r) => [r.md5, r]));
    const targets = [...resolutions.values()].map(targetOf).filter((t): t is FoundHash => t !== undefined);
    return { resolutions, targets };
  } catch (err) {
    if (!isMdeError(err) || err.kind === 'unauthorized') throw err;
    return { resolutions: new Map(), targets: [], note: `MD5s were not resolved: ${unresolvedWhy(err).replace(/, so I could not resolve it\.$/, '')}. Each MD5's Details has a query to run by hand.` };
  }
}

/** An MD5's row: the outcome of the file it resolved to, "never seen", or unresolved. */
export function md5Outcome(md5: string, advisory: AdvisoryMd5s, outcomes: ReadonlyMap<string, LookupOutcome>): LookupOutcome {
  const resolution = advisory.resolutions.get(md5);
  if (!resolution) return { kind: 'md5' };
  const target = targetOf(resolution);
  const sighting = resolution.files[0];
  if (!target || !sighting) return { kind: 'md5', unseen: true };
  const outcome = outcomes.get(target.value) ?? { kind: 'failed', reason: 'not looked up' };
  return outcome.kind === 'file' ? { kind: 'file', file: outcome.file, resolved: { sha: target.value, sighting } } : outcome;
}
