/**
 * An optimistic-concurrency loss: someone else wrote (or deleted) the item since it was read.
 * The message is the one botbuilder's MemoryStorage and BlobsStorage use, so logs read the same
 * whatever the store.
 */
export class ETagConflictError extends Error {
  readonly code = 'ETAG_CONFLICT';
  constructor(readonly key: string) {
    super(`Storage: error writing "${key}" due to eTag conflict.`);
    this.name = 'ETagConflictError';
  }
}

/** BlobsStorage and MemoryStorage both throw a plain Error with this message (botbuilder 4.23). */
const BOTBUILDER_CONFLICT = /^Storage: error writing ".*" due to eTag conflict\.?$/s;

/** True for an eTag conflict from the file store, MemoryStorage or BlobsStorage. */
export function isETagConflict(err: unknown): boolean {
  if (err instanceof ETagConflictError) return true;
  return err instanceof Error && BOTBUILDER_CONFLICT.test(err.message);
}
