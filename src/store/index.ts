/** State storage behind botbuilder's Storage interface: file (default), Azure Blob, memory. */
export { writeFileAtomic, syncDirectory } from './atomic-file';
export { createStorage, isBlobContainerName, type StorageWiring } from './create-storage';
export { ETagConflictError, isETagConflict } from './etag-conflict';
export { createFileStorage, StoredItemError, type FileStorageOptions } from './file-storage';
export { keyFileName } from './key-file-name';
export { createKeyedLock, type KeyedLock } from './keyed-lock';
