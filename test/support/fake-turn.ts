import pino from 'pino';
import type { Card } from '../../src/cards/card';
import type { Turn } from '../../src/app/turn';

export interface FakeTurnEvent {
  kind: 'reply' | 'update';
  /** The activity id replied with, or the one updated. */
  id: string;
  card: Card;
}

export interface FakeTurnOptions {
  text?: string;
  action?: Turn['action'];
  tenantId?: string;
  /** Make `update` reject: always, or for the n-th call (1-based) only. */
  failUpdates?: boolean | number[];
  /** `reply` resolves undefined, as a channel that returns no id would. */
  noIds?: boolean;
  /** Called inside `update` before it settles (e.g. to advance a fake clock or hold it open). */
  onUpdate?(n: number): Promise<void> | void;
}

export type FakeTurn = Turn & {
  /** Every reply and update, in the order they were made (failed updates included, marked). */
  events: FakeTurnEvent[];
  failedUpdates: number;
  /** What the chat shows now: each sent message with its latest card. */
  messages(): { id: string; card: Card }[];
};

/** A Turn for unit tests that records what the app sends and can make Teams refuse updates. */
export function fakeTurn(options: FakeTurnOptions = {}): FakeTurn {
  const events: FakeTurnEvent[] = [];
  const shown = new Map<string, Card>();
  let sent = 0;
  let updates = 0;
  const turn: FakeTurn = {
    user: { id: '29:alex', aadObjectId: '3a8f1c52-6b0e-4d7a-9c21-5e4b7f0a1d01', name: 'Alex Wilber' },
    tenantId: options.tenantId,
    conversation: { id: 'a:personal-chat', type: 'personal' },
    text: options.text ?? '',
    action: options.action,
    log: pino({ level: 'silent' }),
    events,
    failedUpdates: 0,
    async reply(card) {
      const id = `sent-${++sent}`;
      events.push({ kind: 'reply', id, card });
      shown.set(id, card);
      return options.noIds ? undefined : id;
    },
    async update(id, card) {
      const n = ++updates;
      await options.onUpdate?.(n);
      const fail = options.failUpdates === true || (Array.isArray(options.failUpdates) && options.failUpdates.includes(n));
      if (fail || !shown.has(id)) {
        turn.failedUpdates += 1;
        throw new Error(`update ${n} refused (HTTP 502)`);
      }
      events.push({ kind: 'update', id, card });
      shown.set(id, card);
    },
    messages: () => [...shown.entries()].map(([id, card]) => ({ id, card })),
  };
  return turn;
}
