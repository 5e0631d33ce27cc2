import pino from 'pino';
import type { Card } from '../src/cards/card';
import type { Turn } from '../src/app/turn';

export type CollectingTurn = Turn & {
  /** Every card sent or updated, in order. */
  cards: Card[];
  /** performance.now() of the first reply, when there was one. */
  firstReplyAt?: number;
};

/** A Turn that only records what the app sends (for the advisory scenario, driven through the router). */
export function collectingTurn(text: string, tenantId: string, now: () => number): CollectingTurn {
  let sent = 0;
  const turn: CollectingTurn = {
    user: { id: '29:bench-analyst', aadObjectId: '00000000-0000-4000-8000-00000000be9c', name: 'Bench Analyst' },
    tenantId,
    conversation: { id: 'a:bench', type: 'personal' },
    text,
    log: pino({ level: 'silent' }),
    cards: [],
    async reply(card) {
      turn.firstReplyAt ??= now();
      turn.cards.push(card);
      return `bench-${++sent}`;
    },
    async update(_id, card) {
      turn.cards.push(card);
    },
  };
  return turn;
}
