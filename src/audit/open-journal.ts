import { join } from 'node:path';
import type { Logger } from 'pino';
import type { KeyValueStore } from '../util/key-value-store';
import type { AuditJournal } from './journal';
import { openFileAuditJournal } from './journal-file';

/** Where the journal lives: a file for one instance, append blobs shared by several. */
export type JournalWiring = { kind: 'file'; stateDir: string } | { kind: 'blob'; connectionString: string; journalContainer: string };

export type OpenedJournal = AuditJournal & { readonly path: string };

/**
 * Opens the journal the configuration names. The blob journal's client is loaded only when used
 * (it brings @azure/storage-blob); its head record goes into `store`, the shared state store.
 */
export async function openAuditJournal(w: JournalWiring, store: KeyValueStore, now: () => number, logger: Logger): Promise<OpenedJournal> {
  if (w.kind === 'file') return openFileAuditJournal({ path: join(w.stateDir, 'audit.jsonl'), now, logger });
  // require, not import(): under `node -r tsx/cjs` import() takes Node's ES module resolver (see src/mde/create.ts).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { BlobServiceClient } = require('@azure/storage-blob') as typeof import('@azure/storage-blob');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { openBlobAuditJournal } = require('./journal-blob') as typeof import('./journal-blob');
  const container = BlobServiceClient.fromConnectionString(w.connectionString).getContainerClient(w.journalContainer);
  return openBlobAuditJournal({ container, store, now, logger });
}
