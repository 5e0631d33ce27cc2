/**
 * The state store as the domain folders see it: keys to JSON-able items, each carrying an `eTag`.
 * botbuilder's `Storage` (src/store's file store, BlobsStorage, MemoryStorage) fits it
 * structurally, so audit and containment keep state without importing the SDK. A write whose
 * item carries an `eTag` other than '*' must fail when the stored item's eTag differs.
 */
export interface KeyValueStore {
  /** The items found, by key; missing keys are absent. */
  read(keys: string[]): Promise<Record<string, unknown>>;
  write(changes: Record<string, unknown>): Promise<void>;
  delete(keys: string[]): Promise<void>;
}
