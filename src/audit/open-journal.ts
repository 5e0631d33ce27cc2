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
  const { BlobServiceClient } = await import('@azure/storage-blob');
  const { openBlobAuditJournal } = await import('./journal-blob');
  const container = BlobServiceClient.fromConnectionString(w.connectionString).getContainerClient(w.journalContainer);
  return openBlobAuditJournal({ container, store, now, logger });
}
