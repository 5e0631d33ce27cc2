import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { outboxAnchor, parseCardAnchors, type HeadAnchor } from '../audit/journal-anchors';
import { headRecordPath, readHeadRecord } from '../audit/journal-head-record';
import { storageOutboxState } from '../audit/outbox-wiring';
import { keyFileName } from '../store/key-file-name';
import type { KeyValueStore } from '../util/key-value-store';

export interface Anchors {
  anchors: HeadAnchor[];
  /** Anchors looked for and not found or not usable, in words. */
  notes: string[];
}

/**
 * The file store's items, read only: the CLI must never write (or tidy, as the store does at
 * start) the bot's state while it runs. Reads through the outbox's own loader, so the key and
 * shape of its delivered position stay the outbox's business.
 */
function readOnlyFileStore(dir: string): Pick<KeyValueStore, 'read' | 'write'> {
  return {
    async read(keys: string[]): Promise<Record<string, unknown>> {
      const items = Object.create(null) as Record<string, unknown>;
      for (const key of keys) {
        let text: string;
        try {
          text = await readFile(join(dir, keyFileName(key)), 'utf8');
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue;
          throw err;
        }
        const envelope = JSON.parse(text) as { key?: unknown; eTag?: unknown; item?: unknown };
        if (envelope.key === key && envelope.item && typeof envelope.item === 'object') items[key] = { ...(envelope.item as object), eTag: envelope.eTag };
      }
      return items;
    },
    write: () => Promise.reject(new Error('the audit CLI never writes the state store')),
  };
}

/**
 * What the CLI can check the journal's end against: the head record beside it, the outbox's
 * delivered position in the file state store (`<state dir>/state`), and `--expect` pairs copied
 * from audit channel cards. Read before the journal, so a bot appending meanwhile can only put
 * the journal ahead of them, never behind.
 */
export async function gatherAnchors(journalPath: string, opts: { head?: string; stateDir?: string; expect?: string; blobStore: boolean }): Promise<Anchors> {
  const anchors: HeadAnchor[] = opts.expect ? parseCardAnchors(opts.expect) : [];
  const notes: string[] = [];
  const headPath = opts.head ?? headRecordPath(journalPath);
  const head = await readHeadRecord(headPath);
  if (!head.ok) notes.push(`the head record ${headPath} is ${head.reason} (the bot rewrites it at its next start)`);
  else if (head.record) anchors.push({ source: `the head record ${headPath}`, seq: head.record.seq, hash: head.record.hash });
  else notes.push(`no head record at ${headPath}`);

  const storeDir = join(opts.stateDir ?? dirname(journalPath), 'state');
  if (opts.blobStore) {
    notes.push('the outbox position is in Azure Blob Storage (STATE_STORE=blob), which this command does not read');
    return { anchors, notes };
  }
  try {
    const { deliveredSeq } = await storageOutboxState(readOnlyFileStore(storeDir)).load();
    if (deliveredSeq > 0) anchors.push(outboxAnchor(deliveredSeq));
    else notes.push(`no outbox position in ${storeDir} (nothing posted to an audit channel yet)`);
  } catch (err) {
    notes.push(`the outbox position in ${storeDir} could not be read (${(err as Error).message})`);
  }
  return { anchors, notes };
}
