import type { Card } from '../cards/card';
import type { Turn } from './turn';

export interface ProgressMessage {
  /**
   * Shows `card` in place of the progress message, unless an update is still on its way or the
   * last one was less than `intervalMs` ago. Never waits for Teams, never throws.
   */
  update(card: Card): void;
  /**
   * Replaces the progress message with the first card and sends the others as new messages.
   * When Teams will not update the message (or never gave its id), the first card is sent as a
   * new message too: the result is never lost.
   */
  finish(cards: readonly Card[]): Promise<void>;
}

export interface ProgressOptions {
  now: () => number;
  intervalMs: number;
}

/** Sends `first` ("Looking up N hashes…") and returns the handle that later turns it into the result. */
export async function startProgress(turn: Turn, first: Card, { now, intervalMs }: ProgressOptions): Promise<ProgressMessage> {
  const id = await turn.reply(first);
  let last = now();
  let inFlight: Promise<void> | undefined;
  // After one failed progress update, stop trying: Teams may be throttling us or the message is gone.
  let updatesBroken = false;

  const replace = async (card: Card): Promise<boolean> => {
    if (id === undefined) return false;
    try {
      await turn.update(id, card);
      return true;
    } catch (err) {
      turn.log.warn({ err }, 'could not update the progress message');
      return false;
    }
  };

  return {
    update(card) {
      if (id === undefined || updatesBroken || inFlight || now() - last < intervalMs) return;
      last = now();
      inFlight = replace(card).then((ok) => {
        updatesBroken = !ok;
        inFlight = undefined;
      });
    },
    async finish(cards) {
      // A progress update still on its way must not land on top of the result.
      await inFlight;
      const [head, ...rest] = cards;
      if (head === undefined) return;
      if (!(await replace(head))) await turn.reply(head);
      for (const card of rest) await turn.reply(card);
    },
  };
}
