import { conflictGroup, MDE_ACTION_TYPE, type BulkAction } from './bulk-action';
import type { DeviceLocks } from './device-locks';
import { followRun } from './follow-run';
import type { BulkDeps } from './ports';
import { progressOf } from './progress';
import { holdsLock, settled, type BulkRun, type DeviceOutcome, stopIfPaused } from './run-state';
import { runJournal, type RunJournal } from './run-journal';
import type { RunStore } from './run-store';
import { PART_SIZE } from './run-store';
import { classify, isMachineAction, runMarker } from './send-device';
import { runTags } from './tag-run';

/** MDE's clock and ours may disagree: evidence looks this far before the run started. */
export const CLOCK_SKEW_MS = 5 * 60_000;
const MAX_THROTTLE_REQUEUES = 5;

export interface NewRun {
  id: string;
  action: BulkAction;
  comment: string;
  requestedBy: string;
  approvedBy?: string;
  devices: readonly { id: string; name: string }[];
}

export function newRun(input: NewRun, now: number): BulkRun {
  const devices: DeviceOutcome[] = input.devices.map((d) => ({ id: d.id.toLowerCase(), name: d.name.slice(0, 300), state: 'queued' }));
  const meta = { id: input.id, action: input.action, comment: input.comment, requestedBy: input.requestedBy, createdAt: new Date(now).toISOString(), parts: Math.max(1, Math.ceil(devices.length / PART_SIZE)), ...(input.approvedBy ? { approvedBy: input.approvedBy } : {}) };
  return { meta, devices };
}

/** What one run shares between its steps. */
export interface RunContext {
  deps: BulkDeps;
  store: RunStore;
  locks: DeviceLocks;
  run: BulkRun;
  /** Stores the parts holding `indexes`, then tells the journal and the listeners. */
  changed(indexes: number[]): Promise<void>;
}

function context(deps: BulkDeps, store: RunStore, locks: DeviceLocks, run: BulkRun, journal: RunJournal | undefined): RunContext {
  return {
    deps,
    store,
    locks,
    run,
    async changed(indexes) {
      await store.saveDevices(run, indexes);
      journal?.changed(indexes);
      deps.onDevices?.(run, indexes);
      deps.onProgress?.(run, progressOf(run));
    },
  };
}

/** Claims the conflict locks a stored run still holds (at start, before any run goes on). */
export function relock(locks: DeviceLocks, run: BulkRun): void {
  const group = conflictGroup(run.meta.action);
  if (group) for (const d of run.devices) if (holdsLock(d)) locks.claim(d.id, group, run.meta.id);
}

/**
 * Runs (or resumes) one stored bulk run to its end: devices MDE may already have (`sending` after
 * a restart) are looked up first and never sent twice; the rest are sent through the gate (the
 * shared limiter paces the calls; a 429 puts a device back in the queue instead of failing it);
 * then every accepted machine action is followed to a final status. Each change is stored (in
 * parts) before it is reported. Each device's outcome is journaled once it is final (run-journal.ts);
 * the run is closed only when every device is journaled: until then it stays open (a restart
 * resumes a finished run only to journal what is left), and a failing journal is tried again, backing
 * off, without holding up the devices. Returns the run as it ended.
 */
export async function executeRun(deps: BulkDeps, store: RunStore, locks: DeviceLocks, id: string): Promise<BulkRun> {
  const loaded = await store.load(id);
  if (!loaded.ok) throw new Error(`bulk run ${id}: ${loaded.reason}${loaded.detail ? ` (${loaded.detail})` : ''}`);
  const run = loaded.run;
  const journal = deps.journal ? runJournal(deps, deps.journal, store, run) : undefined;
  if (!run.meta.finishedAt) {
    const stopTimer = journal ? deps.journalTimer?.(() => journal.tick()) : undefined;
    try {
      await work(context(deps, store, locks, run, journal));
    } finally {
      stopTimer?.();
    }
  }
  // Closed only once every device is journaled: a refused append (warned about) is tried again,
  // backing off; a stop meanwhile leaves the run open for the next start's resumeOpen.
  if (journal) for (let wait = deps.followFirstMs; !(await journal.finish()); wait = Math.min(deps.followMaxIntervalMs, wait * 2)) await deps.sleep(wait);
  await store.close(run.meta.id);
  return run;
}

async function work(ctx: RunContext): Promise<void> {
  const { deps, store, locks, run } = ctx;
  if (!run.meta.startedAt) {
    run.meta.startedAt = new Date(deps.clock()).toISOString();
    await store.saveMeta(run);
  }
  relock(locks, run);
  deps.onProgress?.(run, progressOf(run));
  const action = run.meta.action;
  if (isMachineAction(action)) {
    await settleUncertain(ctx, action);
    // A call whose answer was lost and that MDE shows no trace of is sent once more (MDE's own
    // "already in progress" guard stands behind that); still nothing after that is a failure.
    for (let round = 0; round < 2; round++) {
      await sendQueued(ctx, action);
      await settleUncertain(ctx, action);
      stopIfPaused(deps);
    }
    await failUnconfirmed(ctx, action);
    await followRun(ctx, action);
  } else {
    await runTags(ctx, action);
  }
  run.meta.finishedAt = new Date(deps.clock()).toISOString();
  await store.saveMeta(run);
}

/** `sending` devices: MDE may have taken them. One list of the run's action type decides: found → accepted, not found → queued again. */
async function settleUncertain(ctx: RunContext, action: Exclude<BulkAction, { kind: 'tag' }>): Promise<void> {
  const uncertain = ctx.run.devices.flatMap((d, i) => (d.state === 'sending' ? [i] : []));
  if (uncertain.length === 0) return;
  const since = new Date(Date.parse(ctx.run.meta.startedAt ?? ctx.run.meta.createdAt) - CLOCK_SKEW_MS).toISOString();
  const type = MDE_ACTION_TYPE[action.kind] as string;
  const marker = runMarker(ctx.run.meta.id);
  const ours = (await ctx.deps.mde.actionsSince(type, since)).filter((a) => a.type === type && (a.requestorComment ?? '').includes(marker));
  for (const i of uncertain) {
    const d = ctx.run.devices[i] as DeviceOutcome;
    const found = ours.filter((a) => (a.machineId ?? '').toLowerCase() === d.id).sort((a, b) => (Date.parse(b.creationDateTimeUtc ?? '') || 0) - (Date.parse(a.creationDateTimeUtc ?? '') || 0))[0];
    ctx.run.devices[i] = found ? { ...d, state: 'accepted', mdeId: found.id, mdeStatus: found.status, detail: 'found in Defender after an unconfirmed call' } : { ...d, state: 'queued' };
  }
  await ctx.changed(uncertain);
}

async function sendQueued(ctx: RunContext, action: Exclude<BulkAction, { kind: 'tag' }>): Promise<void> {
  const group = conflictGroup(action) as string;
  let stop: NonNullable<DeviceOutcome['error']> | undefined;
  const sendOne = async (i: number): Promise<void> => {
    for (;;) {
      const d = ctx.run.devices[i] as DeviceOutcome;
      // Paused (shutdown, or another instance leads now): left queued for whoever resumes the run.
      if (ctx.deps.paused?.()) return;
      if (stop) return void (ctx.run.devices[i] = { ...d, state: 'failed', error: stop, detail: 'not sent: Defender refused this action for the app' });
      const holder = ctx.locks.claim(d.id, group, ctx.run.meta.id);
      if (holder) return void (ctx.run.devices[i] = { ...d, state: 'conflict', detail: `Verdict request ${holder.slice(0, 100)} has a conflicting action in flight on this device` });
      ctx.run.devices[i] = { ...d, state: 'sending', attempts: (d.attempts ?? 0) + 1 };
      await ctx.changed([i]);
      try {
        const result = await ctx.deps.mde.send(d.id, action, ctx.run.meta.comment);
        ctx.run.devices[i] = result.kind === 'created' ? { ...d, state: 'accepted', mdeId: result.actionId, mdeStatus: result.status } : { ...d, state: 'already-pending', ...(result.actionId ? { existingId: result.actionId } : {}) };
      } catch (err) {
        const failure = classify(err);
        if (failure.type === 'ambiguous') return; // stays `sending`: settleUncertain looks for it
        if (failure.type === 'throttled' && (d.throttled ?? 0) < (ctx.deps.maxThrottleRequeues ?? MAX_THROTTLE_REQUEUES)) {
          ctx.run.devices[i] = { ...d, state: 'queued', throttled: (d.throttled ?? 0) + 1 };
          ctx.locks.release(d.id, group, ctx.run.meta.id);
          await ctx.changed([i]);
          await ctx.deps.sleep(failure.retryAfterMs);
          continue;
        }
        const error = failure.type === 'throttled' ? { kind: 'throttled' } : failure.error;
        if (failure.type === 'forbidden') stop = error;
        ctx.run.devices[i] = { ...d, state: 'failed', error };
      }
      if (!holdsLock(ctx.run.devices[i] as DeviceOutcome)) ctx.locks.release(d.id, group, ctx.run.meta.id);
      return;
    }
  };
  const queued = ctx.run.devices.flatMap((d, i) => (d.state === 'queued' ? [i] : []));
  await Promise.all(
    queued.map((i) =>
      ctx.deps.gate(async () => {
        await sendOne(i);
        if ((ctx.run.devices[i] as DeviceOutcome).state !== 'sending') await ctx.changed([i]);
      }),
    ),
  );
}

async function failUnconfirmed(ctx: RunContext, action: Exclude<BulkAction, { kind: 'tag' }>): Promise<void> {
  const group = conflictGroup(action) as string;
  const left = ctx.run.devices.flatMap((d, i) => (d.state === 'queued' ? [i] : []));
  if (left.length === 0) return;
  for (const i of left) {
    const d = ctx.run.devices[i] as DeviceOutcome;
    ctx.run.devices[i] = { ...d, state: 'failed', error: { kind: 'timeout' }, detail: 'Defender did not confirm the call and shows no action from it' };
    ctx.locks.release(d.id, group, ctx.run.meta.id);
  }
  await ctx.changed(left);
}

export const allSettled = (run: BulkRun): boolean => run.devices.every(settled);
