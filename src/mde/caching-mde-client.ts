import type { CallOptions, FileProfileResult, MdeClient } from './client';
import { MdeError } from './errors';
import type { MdeFile } from './file';
import { isFileId } from './hash-ids';
import { shareCall, type SharedCall } from './shared-call';
import { createTtlCache } from './ttl-cache';

export interface CachingOptions {
  /** How long a found file stays (getFile, and files seeded from hunting). Default 10 min. */
  ttlMs?: number;
  /** How long "not found" / empty answers stay: a file may appear in MDE any moment. Default 2 min. */
  notFoundTtlMs?: number;
  /** Alerts, devices (getAlertMachine, getMachine), stats and a file's alerts/devices change as incidents move on. Default 1 min. */
  relatedTtlMs?: number;
  /** Least recently used entries go first beyond this. Default 10,000. */
  maxEntries?: number;
  now?: () => number;
}

export interface CacheStats {
  /** Answers (or, for profiles, hashes) served from the cache. */
  hits: number;
  /** Calls (or hashes) that had to go to MDE. */
  misses: number;
  /** Calls (or hashes) that joined an identical call already under way. */
  coalesced: number;
  entries: number;
}

export interface CachingMdeClient extends MdeClient {
  cacheStats(): CacheStats;
}

type Shared<T> = SharedCall<T>;

/**
 * An MdeClient in front of another: identical calls under way at the same time share one MDE call,
 * answers are kept for a while, and errors are never kept. getFileProfiles serves the hashes it
 * already knows (from getFile or earlier profiles) and asks hunting only for the rest; what hunting
 * finds is kept under both its SHA-1 and SHA-256, so a later getFile for either is free.
 * Answers are shared objects: treat them as read-only.
 */
export function createCachingMdeClient(inner: MdeClient, options: CachingOptions = {}): CachingMdeClient {
  const now = options.now ?? Date.now;
  const ttlMs = options.ttlMs ?? 10 * 60_000;
  const notFoundTtlMs = options.notFoundTtlMs ?? 2 * 60_000;
  const relatedTtlMs = options.relatedTtlMs ?? 60_000;
  const cache = createTtlCache<unknown>({ maxEntries: options.maxEntries ?? 10_000, now });
  const inFlight = new Map<string, Shared<unknown>>();
  const profilesInFlight = new Map<string, Shared<FileProfileResult[]>>();
  const stats = { hits: 0, misses: 0, coalesced: 0 };

  const abortError = (operation: string) => (reason: unknown) => new MdeError({ kind: 'timeout', operation, cause: reason });
  const fileTtl = (file: unknown) => (file ? ttlMs : notFoundTtlMs);
  const relatedTtl = (value: unknown) => (value === null || (Array.isArray(value) && value.length === 0) ? Math.min(notFoundTtlMs, relatedTtlMs) : relatedTtlMs);

  function cached<T>(operation: string, key: string, ttlOf: (value: T) => number, call: (signal: AbortSignal) => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (signal?.aborted) return Promise.reject(abortError(operation)(signal.reason));
    const cacheKey = `${operation}:${key}`;
    const hit = cache.get(cacheKey);
    if (hit) {
      stats.hits += 1;
      return Promise.resolve(hit.value as T);
    }
    const running = inFlight.get(cacheKey) as Shared<T> | undefined;
    if (running) {
      stats.coalesced += 1;
      return running.join(signal);
    }
    stats.misses += 1;
    const forget = () => inFlight.get(cacheKey) === shared && inFlight.delete(cacheKey);
    const shared: Shared<T> = shareCall(call, { abortError: abortError(operation), onAbandon: forget });
    inFlight.set(cacheKey, shared);
    shared.result.then((value) => cache.set(cacheKey, value, ttlOf(value)), () => undefined).finally(forget);
    return shared.join(signal);
  }

  /** Keeps a hunting answer as a getFile answer, without replacing a (richer) Files API answer. */
  function seed(results: readonly FileProfileResult[]): void {
    for (const r of results) {
      if (r.unavailable) continue;
      const keys = new Set([r.hash, r.file?.sha1, r.file?.sha256].filter((k): k is string => typeof k === 'string' && isFileId(k)));
      for (const key of keys) {
        if (!cache.get(`files.get:${key}`)) cache.set(`files.get:${key}`, r.file, fileTtl(r.file));
      }
    }
  }

  async function getFileProfiles(hashes: readonly string[], options: CallOptions = {}): Promise<FileProfileResult[]> {
    const { signal } = options;
    if (signal?.aborted) throw abortError('hunting.run')(signal.reason);
    const wanted = hashes.map((h) => h.toLowerCase());
    const answers = new Map<string, Promise<FileProfileResult>>();
    const joined = new Map<Shared<FileProfileResult[]>, Promise<FileProfileResult[]>>();
    const fromBatch = (batch: Shared<FileProfileResult[]>, hash: string) => {
      const all = joined.get(batch) ?? batch.join(signal);
      joined.set(batch, all);
      return all.then((results) => results.find((r) => r.hash === hash) ?? { hash, file: null, unavailable: true as const });
    };

    const toAsk: string[] = [];
    for (const hash of new Set(wanted)) {
      const hit = cache.get(`files.get:${hash}`);
      const running = profilesInFlight.get(hash);
      if (hit) {
        stats.hits += 1;
        answers.set(hash, Promise.resolve({ hash, file: hit.value as MdeFile | null }));
      } else if (running) {
        stats.coalesced += 1;
        answers.set(hash, fromBatch(running, hash));
      } else {
        toAsk.push(hash);
      }
    }
    if (toAsk.length > 0) {
      stats.misses += toAsk.length;
      const forget = () => toAsk.forEach((h) => profilesInFlight.get(h) === batch && profilesInFlight.delete(h));
      const batch: Shared<FileProfileResult[]> = shareCall((s) => inner.getFileProfiles(toAsk, { signal: s }), { abortError: abortError('hunting.run'), onAbandon: forget });
      toAsk.forEach((h) => profilesInFlight.set(h, batch));
      batch.result.then(seed, () => undefined).finally(forget);
      toAsk.forEach((h) => answers.set(h, fromBatch(batch, h)));
    }
    const results = await Promise.all(wanted.map((h) => answers.get(h) as Promise<FileProfileResult>));
    return results.map((r) => ({ ...r }));
  }

  return {
    getFile: (hash, o) => cached('files.get', hash.toLowerCase(), fileTtl, (signal) => inner.getFile(hash, { signal }), o?.signal),
    getFileStats: (sha1, o) =>
      cached('files.stats', `${sha1.toLowerCase()}?${o?.lookBackHours ?? ''}`, relatedTtl, (signal) => inner.getFileStats(sha1, { lookBackHours: o?.lookBackHours, signal }), o?.signal),
    getFileMachines: (sha1, o) => cached('files.machines', sha1.toLowerCase(), relatedTtl, (signal) => inner.getFileMachines(sha1, { signal }), o?.signal),
    getFileAlerts: (sha1, o) => cached('files.alerts', sha1.toLowerCase(), relatedTtl, (signal) => inner.getFileAlerts(sha1, { signal }), o?.signal),
    getAlert: (id, o) => cached('alerts.get', id.trim(), relatedTtl, (signal) => inner.getAlert(id, { signal }), o?.signal),
    getAlertFiles: (id, o) => cached('alerts.files', id.trim(), relatedTtl, (signal) => inner.getAlertFiles(id, { signal }), o?.signal),
    getAlertMachine: (id, o) => cached('alerts.machine', id.trim(), relatedTtl, (signal) => inner.getAlertMachine(id, { signal }), o?.signal),
    // Cached like the alert's device: a double click or two requests for one device make one call,
    // and a device that is missing now may be onboarded any minute (the short "not found" TTL).
    getMachine: (id, o) => cached('machines.get', id.trim().toLowerCase(), relatedTtl, (signal) => inner.getMachine(id, { signal }), o?.signal),
    getFileProfiles,
    // Not cached: where an MD5 was seen changes as devices report, and it is asked for rarely.
    resolveMd5s: (md5s, o) => inner.resolveMd5s(md5s, o),
    cacheStats: () => ({ ...stats, entries: cache.size }),
  };
}
