import type { FoundHash } from './hashes';

/**
 * Bulk planning: which hashes of a pasted advisory go to advanced hunting and which to the Files
 * API one by one. Pure; src/app/bulk-lookup.ts carries the plan out.
 *
 * One FileProfile() query covers up to 1,000 hashes and costs one call of hunting's 45/min quota,
 * where the Files API costs one call per hash of its 100/min (mde-api §5, §6). For a handful of
 * hashes per-hash calls are faster and need no extra permission, so hunting is used only above a
 * threshold. MD5s go to neither: the Files API does not take them and FileProfile() cannot use
 * them as input.
 */

/** More SHA-1/SHA-256 hashes than this → advanced hunting. */
export const DEFAULT_HUNTING_THRESHOLD = 20;
/** FileProfile() enriches at most 1,000 records per call. */
export const HUNTING_BATCH_MAX = 1000;

export interface BulkPlan {
  /** SHA-1/SHA-256 values for FileProfile(), in batches of at most `huntingBatch`. */
  huntingBatches: string[][];
  /** SHA-1/SHA-256 values for GET /api/files/{id}, one call each. */
  perHash: string[];
  /** MD5 values: listed as not resolvable, never sent to MDE. */
  md5: string[];
}

export interface BulkPlanOptions {
  huntingThreshold?: number;
  huntingBatch?: number;
}

export function planBulkLookup(hashes: readonly FoundHash[], options: BulkPlanOptions = {}): BulkPlan {
  const threshold = Math.max(0, options.huntingThreshold ?? DEFAULT_HUNTING_THRESHOLD);
  const batch = Math.min(HUNTING_BATCH_MAX, Math.max(1, options.huntingBatch ?? HUNTING_BATCH_MAX));
  const seen = new Set<string>();
  const shas: string[] = [];
  const md5: string[] = [];
  for (const { value, type } of hashes) {
    const key = value.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    (type === 'md5' ? md5 : shas).push(key);
  }
  if (shas.length <= threshold) return { huntingBatches: [], perHash: shas, md5 };
  const huntingBatches: string[][] = [];
  for (let i = 0; i < shas.length; i += batch) huntingBatches.push(shas.slice(i, i + batch));
  return { huntingBatches, perHash: [], md5 };
}
