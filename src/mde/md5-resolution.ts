import type { Md5Resolution, Md5Sighting } from './client';
import { MdeError } from './errors';
import type { HuntingRow, HuntingRunner } from './hunting-transport';
import { MAX_MD5S_PER_QUERY, md5MappingQuery } from './md5-query';

const MD5 = /^[0-9a-f]{32}$/;
const SHA1 = /^[0-9a-f]{40}$/;
const SHA256 = /^[0-9a-f]{64}$/;

const hexOf = (v: unknown, shape: RegExp): string | null => (typeof v === 'string' && shape.test(v.trim().toLowerCase()) ? v.trim().toLowerCase() : null);
const count = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? Math.round(v) : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : 0);

/** A dynamic column: a JSON array, or (as hunting APIs often send dynamic values) that array as a string. */
function texts(v: unknown): string[] {
  let value = v;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return [];
    }
  }
  return Array.isArray(value) ? value.filter((x): x is string => typeof x === 'string' && x.trim() !== '').map((x) => x.slice(0, 256)) : [];
}

function sightingOf(row: HuntingRow): { md5: string; sighting: Md5Sighting } | undefined {
  const md5 = hexOf(row.MD5, MD5);
  const sha1 = hexOf(row.SHA1, SHA1);
  const sha256 = hexOf(row.SHA256, SHA256);
  if (!md5 || (!sha1 && !sha256)) return undefined;
  const lastSeen = typeof row.LastSeen === 'string' && row.LastSeen.trim() !== '' ? row.LastSeen : null;
  return { md5, sighting: { sha1, sha256, deviceCount: count(row.Devices), deviceNames: texts(row.DeviceNames), seenIn: texts(row.SeenIn), lastSeen } };
}

/**
 * MD5 → the SHA-1/SHA-256 of files with that MD5 seen on the org's devices in the last 30 days,
 * one hunting query per ≤1,000 MD5s. One result per input MD5, in input order; `files` empty means
 * no device saw it in that time. Rows without a usable hash are dropped; several files for one MD5
 * (rows differing in SHA-1/SHA-256) are kept, the most widely seen first.
 */
export async function resolveMd5s(run: HuntingRunner, md5s: readonly string[], options: { signal?: AbortSignal } = {}): Promise<Md5Resolution[]> {
  const wanted = md5s.map((m) => m.trim().toLowerCase());
  if (wanted.some((m) => !MD5.test(m))) throw new MdeError({ kind: 'bad-request', operation: 'hunting.graph', code: 'InvalidHashValue' });
  const distinct = [...new Set(wanted)];
  if (distinct.length === 0) return [];

  const chunks: string[][] = [];
  for (let i = 0; i < distinct.length; i += MAX_MD5S_PER_QUERY) chunks.push(distinct.slice(i, i + MAX_MD5S_PER_QUERY));
  const answers = await Promise.all(chunks.map((chunk) => run(md5MappingQuery(chunk), options.signal)));

  const asked = new Set(distinct);
  const found = new Map<string, Md5Sighting[]>();
  for (const row of answers.flat()) {
    const read = sightingOf(row);
    if (!read || !asked.has(read.md5)) continue;
    const list = found.get(read.md5) ?? [];
    list.push(read.sighting);
    found.set(read.md5, list);
  }
  return wanted.map((md5) => ({ md5, files: [...(found.get(md5) ?? [])].sort((a, b) => b.deviceCount - a.deviceCount) }));
}
