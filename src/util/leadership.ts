/**
 * Which instance does the work that must happen once for all of them (the audit outbox, the
 * containment sweeps). One instance is always the leader; several elect one with a blob lease
 * (src/store/blob-leadership.ts).
 */
export interface Leadership {
  isLeader(): boolean;
  /** `true` when this instance becomes the leader, `false` when it stops being it; called at once with the current value. */
  onChange(listener: (leader: boolean) => void): () => void;
  /** Stops competing; a held lease is released so another instance takes over at once. */
  stop(): Promise<void>;
}

/** One instance: it leads from start to stop. */
export const soleLeader = (): Leadership => ({
  isLeader: () => true,
  onChange(listener) {
    listener(true);
    return () => undefined;
  },
  stop: async () => undefined,
});

export interface Stoppable {
  stop(): Promise<void>;
}

/**
 * Runs `start` while this instance leads and stops what it started when leadership is lost, so
 * the work runs in one instance at a time. Gains and losses are handled in order.
 */
export function whileLeader(leadership: Leadership, start: () => Stoppable): Stoppable {
  let running: Stoppable | undefined;
  let chain: Promise<void> = Promise.resolve();
  let stopped = false;
  const unsubscribe = leadership.onChange((leader) => {
    chain = chain.then(async () => {
      if (leader && !running && !stopped) running = start();
      else if (!leader && running) {
        const was = running;
        running = undefined;
        await was.stop();
      }
    });
  });
  return {
    async stop() {
      stopped = true;
      unsubscribe();
      await chain;
      await running?.stop();
      running = undefined;
    },
  };
}
