import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rm, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Storage, StoreItem, StoreItems } from 'botbuilder';
import { syncDirectory, writeFileAtomic } from './atomic-file';
import { ETagConflictError } from './etag-conflict';
import { keyFileName } from './key-file-name';
import { createKeyedLock } from './keyed-lock';

export interface FileStorageOptions {
  /** A directory this store owns (created if missing), e.g. `${STATE_DIR}/state`. */
  dir: string;
  /** fsync every write and delete (default true); tests may turn it off for speed. */
  durable?: boolean;
}

/** What one file holds: the key (names are hashes), the eTag, and the item without its eTag. */
interface Envelope {
  key: string;
  eTag: string;
  item: Record<string, unknown>;
}

export class StoredItemError extends Error {
  constructor(readonly key: string, readonly file: string, message: string) {
    super(`File store: ${message} (key ${JSON.stringify(key)}, file ${file})`);
    this.name = 'StoredItemError';
  }
}

/**
 * botbuilder's Storage on the local disk: one JSON file per key, replaced atomically. eTags give
 * optimistic concurrency like BlobsStorage: a write carrying an eTag succeeds only if the stored
 * item still has it (a missing item is a conflict too); `'*'` or no eTag overwrites. Writes and
 * deletes of one key are serialised within the process, so two writers holding the same eTag
 * produce exactly one winner. One process per directory: several instances need the Blob store.
 */
export function createFileStorage(opts: FileStorageOptions): Storage {
  const durable = opts.durable ?? true;
  const lock = createKeyedLock();
  let ready: Promise<void> | undefined;
  const init = async (): Promise<void> => {
    await mkdir(opts.dir, { recursive: true, mode: 0o700 });
    // Temp files left by a crash mid-write: the rename never happened, so they hold nothing.
    const names = await readdir(opts.dir);
    await Promise.all(names.filter((n) => n.endsWith('.tmp')).map((n) => rm(join(opts.dir, n), { force: true })));
  };
  // A failed start (e.g. permissions) is retried by the next call rather than remembered.
  const prepare = (): Promise<void> =>
    (ready ??= init().catch((error: unknown) => {
      ready = undefined;
      throw error;
    }));

  const fileOf = (key: string) => join(opts.dir, keyFileName(key));

  const load = async (key: string): Promise<Envelope | undefined> => {
    const file = fileOf(key);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    let envelope: Envelope;
    try {
      envelope = JSON.parse(text) as Envelope;
    } catch {
      throw new StoredItemError(key, file, 'stored item is not valid JSON');
    }
    if (envelope?.key !== key || typeof envelope.eTag !== 'string' || typeof envelope.item !== 'object' || envelope.item === null) {
      throw new StoredItemError(key, file, 'stored item is not a Verdict store envelope');
    }
    return envelope;
  };

  const writeOne = (key: string, change: StoreItem): Promise<void> =>
    lock.run(key, async () => {
      const { eTag, ...item } = change;
      if (typeof eTag === 'string' && eTag !== '' && eTag !== '*') {
        const current = await load(key);
        if (!current || current.eTag !== eTag) throw new ETagConflictError(key);
      }
      const envelope: Envelope = { key, eTag: randomUUID(), item };
      await writeFileAtomic(fileOf(key), JSON.stringify(envelope), { durable });
    });

  const deleteOne = (key: string): Promise<void> =>
    lock.run(key, async () => {
      try {
        await unlink(fileOf(key));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
        throw error;
      }
      if (durable) await syncDirectory(opts.dir);
    });

  /** Every key is attempted; the first failure (e.g. a conflict on one key) is then thrown. */
  const settleAll = async (tasks: Promise<void>[]): Promise<void> => {
    const failed = (await Promise.allSettled(tasks)).find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  };

  return {
    async read(keys: string[]): Promise<StoreItems> {
      if (!Array.isArray(keys)) throw new ReferenceError('Keys are required when reading.');
      await prepare();
      const items: StoreItems = {};
      for (const key of new Set(keys)) {
        const envelope = await load(key);
        if (envelope) items[key] = { ...envelope.item, eTag: envelope.eTag };
      }
      return items;
    },
    async write(changes: StoreItems): Promise<void> {
      if (!changes || typeof changes !== 'object') throw new ReferenceError('Changes are required when writing.');
      await prepare();
      await settleAll(Object.entries(changes).map(([key, change]) => writeOne(key, (change ?? {}) as StoreItem)));
    },
    async delete(keys: string[]): Promise<void> {
      if (!Array.isArray(keys)) throw new ReferenceError('Keys are required when deleting.');
      await prepare();
      await settleAll([...new Set(keys)].map(deleteOne));
    },
  };
}
