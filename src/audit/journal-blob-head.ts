import type { Logger } from 'pino';
import type { KeyValueStore } from '../util/key-value-store';
import type { ChainHead } from './journal';
import type { HeadRecordRead } from './journal-head-record';

/**
 * The blob journal's head record: the seq and hash of its last entry, kept in the state store
 * (not beside the segments: a WORM journal container refuses overwrites). Several instances write
 * it, so it only ever moves forward (eTag-checked), and it is written at most once at a time per
 * instance, after appends, rather than after every one: a stale record only anchors less.
 */
export const HEAD_KEY = 'audit-journal/head';
const HEX64 = /^[0-9a-f]{64}$/;

export async function readStoredHead(store: Pick<KeyValueStore, 'read'>): Promise<HeadRecordRead & { eTag?: string }> {
  const item = (await store.read([HEAD_KEY]))[HEAD_KEY] as { seq?: unknown; hash?: unknown; at?: unknown; eTag?: unknown } | undefined;
  if (!item) return { ok: true };
  if (!Number.isInteger(item.seq) || (item.seq as number) < 0 || typeof item.hash !== 'string' || !HEX64.test(item.hash)) return { ok: false, reason: 'not a head record' };
  return { ok: true, record: { seq: item.seq as number, hash: item.hash, at: typeof item.at === 'string' ? item.at : '' }, eTag: typeof item.eTag === 'string' ? item.eTag : undefined };
}

export interface StoredHeadWriter {
  /** The journal's head moved: record it soon (coalesced). */
  offer(head: ChainHead, at: string): void;
  /** Resolves once the latest offered head is written (or failed and was logged). */
  flush(): Promise<void>;
}

export function storedHeadWriter(store: Pick<KeyValueStore, 'read' | 'write'>, logger: Logger): StoredHeadWriter {
  let latest: { head: ChainHead; at: string } | undefined;
  let writing: Promise<void> | undefined;

  const writeForward = async (want: { head: ChainHead; at: string }): Promise<void> => {
    for (let attempt = 0; attempt < 3; attempt++) {
      const current = await readStoredHead(store);
      if (current.ok && current.record && current.record.seq >= want.head.seq) return;
      try {
        await store.write({ [HEAD_KEY]: { seq: want.head.seq, hash: want.head.hash, at: want.at, eTag: (current.ok && current.eTag) || '*' } });
        return;
      } catch (err) {
        if (attempt === 2) throw err;
      }
    }
  };

  const drain = async (): Promise<void> => {
    while (latest) {
      const want = latest;
      latest = undefined;
      try {
        await writeForward(want);
      } catch (err) {
        logger.error({ err, seq: want.head.seq }, 'audit journal: could not write the head record');
      }
    }
  };

  return {
    offer(head, at) {
      if (!latest || head.seq > latest.head.seq) latest = { head, at };
      writing ??= drain().finally(() => {
        writing = undefined;
      });
    },
    async flush() {
      while (writing) await writing;
    },
  };
}
