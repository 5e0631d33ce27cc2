import pino from 'pino';
import { auditNoticeCards } from '../../src/app/audit-channel-render';
import type { AuditJournal } from '../../src/audit/journal';
import type { ChannelPoster, OutboxOptions, OutboxState } from '../../src/audit/outbox';
import { auditEntryCard } from '../../src/cards/audit-entry-card';

/*
 * The one rig for the outbox's unit tests: its saved state in memory, a clock that moves only when
 * the outbox sleeps, and options with the channel's real cards. Each test file adds its own poster
 * (what Teams does to a post) and, where it scripts deaths, its own `state`.
 */

/** The outbox's state store in memory; successive outboxes given the same one share it, as restarts share a disk. */
export function memoryOutboxState() {
  let saved: OutboxState = { deliveredSeq: 0, threads: new Map() };
  return {
    state: { load: async () => saved, save: async (s: OutboxState) => void (saved = s) },
    saved: () => saved,
    /** Replaces what is saved (a test that writes its own `save`). */
    keep: (s: OutboxState) => void (saved = s),
  };
}

/** Virtual time: `sleep` moves the clock forward at once and is recorded. */
export function virtualClock() {
  let clock = 0;
  const sleeps: number[] = [];
  return {
    now: () => clock,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      clock += ms;
    },
    sleeps,
  };
}

/** Options for one outbox: entry cards and notices as the audit channel draws them, no jitter, a silent log; `over` wins. */
export function outboxOptions(journal: AuditJournal, poster: ChannelPoster, over: Partial<OutboxOptions> & Pick<OutboxOptions, 'state'>): OutboxOptions {
  return { journal, poster, render: auditEntryCard, ...auditNoticeCards, sleep: async () => undefined, now: () => 0, random: () => 0, logger: pino({ level: 'silent' }), ...over };
}
