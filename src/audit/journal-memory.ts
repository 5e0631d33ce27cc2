import { AuditJournalError, GENESIS_HASH, type AuditEntry, type AuditJournal, type ChainHead } from './journal';
import { sealEntry, verifyLines } from './journal-chain';
import { serialQueue } from '../util/serial';

/** The journal in memory, with the file journal's semantics: for unit and conversation tests. */
export function createMemoryAuditJournal(opts: { now: () => number }): AuditJournal {
  const lines: string[] = [];
  let head: ChainHead = { seq: 0, hash: GENESIS_HASH };
  let closed = false;
  const serial = serialQueue();

  return {
    head: () => ({ ...head }),
    append(input) {
      return serial(async () => {
        if (closed) throw new AuditJournalError('Audit journal (memory): closed');
        const { entry, line } = sealEntry(head, input, new Date(opts.now()).toISOString());
        lines.push(line.slice(0, -1));
        head = { seq: entry.seq, hash: entry.hash };
        return entry;
      });
    },
    async read(options = {}) {
      const since = options.since ?? 0;
      const limit = options.limit ?? Number.POSITIVE_INFINITY;
      // Line i holds seq i + 1 (appends only), so a read parses just its range, as the file journal does.
      const from = Math.max(0, Math.floor(since));
      return lines.slice(from, from + Math.max(0, limit)).map((line) => JSON.parse(line) as AuditEntry);
    },
    verify: () => serial(async () => verifyLines(lines)),
    close: () =>
      serial(async () => {
        closed = true;
      }),
  };
}
