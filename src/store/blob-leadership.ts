import { randomUUID } from 'node:crypto';
import { RestError, type ContainerClient } from '@azure/storage-blob';
import type { Logger } from 'pino';
import type { Leadership } from '../util/leadership';

export interface BlobLeadershipOptions {
  /** The shared state container; the lease blob is created in it if missing. */
  container: ContainerClient;
  /** Default `verdict-leader.lease`. */
  blobName?: string;
  /** Azure allows 15-60 s. A dead leader's lease lapses after this; another takes over within it plus one try interval. */
  leaseSeconds: number;
  logger: Logger;
  /** This instance's lease id (default a random UUID). */
  instanceId?: string;
}

/**
 * Leader election with a blob lease. Every instance tries to acquire the lease every third of
 * its length; the holder renews it on the same beat. A renewal that fails (or does not answer
 * within the beat) ends leadership at once, well before the lease can lapse, so two instances
 * never both believe they lead unless one is frozen for longer than the lease (a paused VM):
 * then, for the outbox, the entry in flight may be posted twice, marked as a possible repeat.
 * A leader that stops releases the lease, so another takes over on its next beat.
 */
export async function startBlobLeadership(opts: BlobLeadershipOptions): Promise<Leadership> {
  const blob = opts.container.getBlockBlobClient(opts.blobName ?? 'verdict-leader.lease');
  const lease = blob.getBlobLeaseClient(opts.instanceId ?? randomUUID());
  const beatMs = Math.floor((opts.leaseSeconds * 1000) / 3);
  await opts.container.createIfNotExists();
  try {
    await blob.upload('', 0, { conditions: { ifNoneMatch: '*' } });
  } catch (err) {
    // Exists already (409, or 412 when it is leased): that is the lease blob.
    if (!(err instanceof RestError && (err.statusCode === 409 || err.statusCode === 412))) throw err;
  }
  const listeners = new Set<(leader: boolean) => void>();
  let leader = false;
  let stopped = false;
  let beating: Promise<void> | undefined;

  const become = (value: boolean, why: string) => {
    if (leader === value) return;
    leader = value;
    opts.logger.info({ leaseId: lease.leaseId, why }, value ? 'this instance now leads (audit outbox and sweeps run here)' : 'this instance no longer leads');
    for (const l of listeners) l(value);
  };

  const beat = async (): Promise<void> => {
    const signal = AbortSignal.timeout(beatMs);
    try {
      if (leader) await lease.renewLease({ abortSignal: signal });
      else {
        await lease.acquireLease(opts.leaseSeconds, { abortSignal: signal });
        become(true, 'acquired the lease');
      }
    } catch (err) {
      if (leader) {
        opts.logger.warn({ err }, 'could not renew the leader lease; stepping down');
        become(false, 'renewal failed');
      } else if (!(err instanceof RestError && err.statusCode === 409)) opts.logger.warn({ err }, 'could not try for the leader lease');
    }
  };
  const tick = () => {
    if (!stopped) beating ??= beat().finally(() => (beating = undefined));
  };
  tick();
  await beating;
  const timer = setInterval(tick, beatMs);
  timer.unref();

  return {
    isLeader: () => leader,
    onChange(listener) {
      listeners.add(listener);
      listener(leader);
      return () => void listeners.delete(listener);
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      await beating;
      if (!leader) return;
      become(false, 'stopping');
      await lease.releaseLease().catch((err: unknown) => opts.logger.warn({ err }, 'could not release the leader lease; it lapses on its own'));
    },
  };
}
