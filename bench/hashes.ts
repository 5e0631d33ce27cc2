import { createHash } from 'node:crypto';
import { seededRandom } from './stats';

/**
 * Synthetic, distinct, reproducible file hashes for the benchmark. Each one is the SHA-256 of a
 * label, so it looks random to the sandbox's synthetic-file rule (which then gives the realistic
 * verdict mix of src/sandbox/synthetic-files.ts); `sha1` kinds keep the first 40 hex digits.
 */
export type BenchHashKind = 'sha256' | 'sha1';

export function syntheticHash(label: string, kind: BenchHashKind): string {
  const hex = createHash('sha256').update(`verdict-bench/${label}`).digest('hex');
  return kind === 'sha256' ? hex : hex.slice(0, 40);
}

/** `count` distinct hashes; every `sha1Every`-th one is a SHA-1 (default: one in two), the rest SHA-256. */
export function syntheticHashes(seed: string, count: number, sha1Every = 2): string[] {
  const out: string[] = [];
  for (let i = 0; i < count; i++) out.push(syntheticHash(`${seed}/${i}`, sha1Every > 0 && i % sha1Every === sha1Every - 1 ? 'sha1' : 'sha256'));
  return out;
}

export interface UserWorkload {
  user: number;
  hashes: string[];
}

/**
 * `users` × `perUser` single-hash requests where `overlap` (0–1) of each user's requests draw from
 * a pool shared by everybody (`poolSize` hashes, handed out round-robin so every pool hash is asked
 * by several users) and the rest are the user's own.
 */
export function overlappingWorkload(seed: string, users: number, perUser: number, overlap: number, poolSize: number): UserWorkload[] {
  const shared = Math.round(perUser * overlap);
  const pool = syntheticHashes(`${seed}/pool`, poolSize);
  let next = 0;
  return Array.from({ length: users }, (_, user) => {
    const own = syntheticHashes(`${seed}/user-${user}`, perUser - shared);
    const fromPool = Array.from({ length: shared }, () => pool[next++ % poolSize] as string);
    // Shuffle (seeded) so shared and own lookups are mixed in each user's burst.
    const hashes = shuffled([...own, ...fromPool], seededRandom(user + 1));
    return { user, hashes };
  });
}

/** Distinct values across a workload (the fewest lookups a perfect cache could make). */
export function distinctHashes(workload: readonly UserWorkload[]): number {
  return new Set(workload.flatMap((w) => w.hashes)).size;
}

function shuffled<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}
