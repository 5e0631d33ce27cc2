/**
 * Recognises an optimistic-concurrency (eTag) conflict from a botbuilder `Storage.write`.
 *
 * Stand-in until src/store exports `isETagConflict`: botbuilder's MemoryStorage and BlobsStorage
 * both reject with `Error('Storage: error writing "<key>" due to eTag conflict.')` (BlobsStorage
 * maps Azure's 412 to it); a raw 412 from an Azure SDK error is accepted too. Anything else is a
 * real storage failure and is rethrown by the repository.
 */
export function isETagConflictError(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const e = err as { message?: unknown; statusCode?: unknown; status?: unknown; code?: unknown };
  if (e.statusCode === 412 || e.status === 412 || e.code === 'ETAG_CONFLICT') return true;
  return typeof e.message === 'string' && /\beTag conflict\b/i.test(e.message);
}
