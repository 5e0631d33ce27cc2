import { randomUUID } from 'node:crypto';
import type { ContainerClient } from '@azure/storage-blob';
import type { Logger } from 'pino';

const PREFIX = 'verdict-instances/';

export interface InstanceCensusOptions {
  /** The shared state container. */
  container: ContainerClient;
  /** INSTANCE_COUNT: how many instances the MDE budget was split for. */
  expected: number;
  /** How often each instance says it is alive and counts the others. */
  beatMs: number;
  logger: Logger;
  instanceId?: string;
  now?: () => number;
}

/**
 * Counts the running instances, so a budget split for INSTANCE_COUNT that no longer matches is
 * said out loud: each instance rewrites a small blob of its own every beat and counts those
 * written within the last three beats. More instances than configured exceed MDE's limits (429s,
 * queued lookups); fewer leave budget unused. Logged once per change of the count.
 */
export function startInstanceCensus(opts: InstanceCensusOptions): { seen(): number; stop(): Promise<void> } {
  const blob = opts.container.getBlockBlobClient(`${PREFIX}${opts.instanceId ?? randomUUID()}`);
  const now = opts.now ?? Date.now;
  let seen = 0;
  let warnedAbout = opts.expected;
  let beating: Promise<void> | undefined;

  const beat = async (): Promise<void> => {
    try {
      await blob.upload('alive', 5);
      let alive = 0;
      for await (const item of opts.container.listBlobsFlat({ prefix: PREFIX })) {
        if (item.properties.lastModified && now() - item.properties.lastModified.getTime() < 3 * opts.beatMs) alive += 1;
      }
      seen = alive;
      if (alive !== warnedAbout) {
        warnedAbout = alive;
        if (alive !== opts.expected) {
          opts.logger.warn({ running: alive, instanceCount: opts.expected }, `${alive} instances are running but INSTANCE_COUNT is ${opts.expected}: each paces MDE calls to 1/${opts.expected} of the app's limits, so together they ${alive > opts.expected ? 'may exceed them (429s)' : 'leave some unused'}; set INSTANCE_COUNT to the number of instances`);
        } else opts.logger.info({ running: alive }, 'instances running match INSTANCE_COUNT');
      }
    } catch (err) {
      opts.logger.warn({ err }, 'instance census: could not count the running instances');
    }
  };
  const tick = () => void (beating ??= beat().finally(() => (beating = undefined)));
  tick();
  const timer = setInterval(tick, opts.beatMs);
  timer.unref();
  return {
    seen: () => seen,
    async stop() {
      clearInterval(timer);
      await beating;
      await blob.deleteIfExists().catch(() => undefined);
    },
  };
}
