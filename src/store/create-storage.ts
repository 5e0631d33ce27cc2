import { MemoryStorage, type Storage } from 'botbuilder';
import { createFileStorage } from './file-storage';

/** Which store holds bot and containment state. */
export type StorageWiring =
  /** Default: files under `dir` (e.g. `${STATE_DIR}/state`); one instance of the bot only. */
  | { kind: 'file'; dir: string; durable?: boolean }
  /** Shared state for several instances: Azure Blob Storage (or Azurite) via BlobsStorage. */
  | { kind: 'blob'; connectionString: string; container: string }
  /** Forgets everything at exit: unit tests only. */
  | { kind: 'memory' };

/** Azure's container naming rule: 3–63 of a-z, 0-9 and single hyphens, starting and ending alphanumeric. */
export const isBlobContainerName = (name: string): boolean => /^(?=.{3,63}$)[a-z0-9]+(-[a-z0-9]+)*$/.test(name);

export async function createStorage(w: StorageWiring): Promise<Storage> {
  switch (w.kind) {
    case 'file':
      return createFileStorage({ dir: w.dir, durable: w.durable });
    case 'memory':
      return new MemoryStorage();
    case 'blob': {
      if (!isBlobContainerName(w.container)) throw new Error('Blob store: the container name must be 3-63 lower-case letters, digits and hyphens');
      // Loaded only when used: it brings @azure/storage-blob with it.
      const { BlobsStorage } = await import('botbuilder-azure-blobs');
      return new BlobsStorage(w.connectionString, w.container);
    }
  }
}
