import { whileLeader, type Leadership } from '../util/leadership';
import type { Outbox } from './outbox-ports';

/**
 * The audit outbox, run only in the instance that leads (one poster for all instances). Its
 * delivered position and in-flight marker are in the shared state store, so a new leader resumes
 * where the last one stopped, and an entry the last one had in flight is posted again marked as a
 * possible repeat, exactly as after a restart. Entries other instances append do not kick this
 * one: with `pollMs` the leader looks for them that often.
 */
export function leaderOutbox(make: () => Outbox, leadership: Leadership, pollMs?: number): Outbox {
  let current: Outbox | undefined;
  const run = whileLeader(leadership, () => {
    const outbox = make();
    current = outbox;
    outbox.kick();
    const timer = pollMs ? setInterval(() => outbox.kick(), pollMs) : undefined;
    timer?.unref();
    return {
      async stop() {
        if (timer) clearInterval(timer);
        if (current === outbox) current = undefined;
        await outbox.stop();
      },
    };
  });
  return {
    kick: () => current?.kick(),
    drain: async () => {
      await current?.drain();
    },
    stop: () => run.stop(),
  };
}
