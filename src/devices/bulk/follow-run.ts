import { conflictGroup, MDE_ACTION_TYPE, type BulkAction } from './bulk-action';
import type { RunContext } from './bulk-runner';
import { CLOCK_SKEW_MS } from './bulk-runner';
import { settled, stopIfPaused, type DeviceOutcome } from './run-state';

/**
 * Follows every machine action the run started until each is final (Succeeded, Failed, TimeOut,
 * Cancelled): one list of the run's action type per look (not one GET per device), first after
 * `followFirstMs`, then doubling up to `followMaxIntervalMs`, for at most `followForMs` from the
 * start. A device's lock is released when its action ends. A failed look is retried next time.
 */
export async function followRun(ctx: RunContext, action: Exclude<BulkAction, { kind: 'tag' }>): Promise<void> {
  const { deps, run } = ctx;
  const type = MDE_ACTION_TYPE[action.kind] as string;
  const group = conflictGroup(action) as string;
  const startedAt = Date.parse(run.meta.startedAt ?? run.meta.createdAt);
  const since = new Date(startedAt - CLOCK_SKEW_MS).toISOString();
  let interval = deps.followFirstMs;
  while (!run.devices.every(settled)) {
    if (deps.clock() - startedAt >= deps.followForMs) {
      run.meta.followEnded = 'gave-up';
      return;
    }
    await deps.sleep(interval);
    stopIfPaused(deps);
    interval = Math.min(deps.followMaxIntervalMs, interval * 2);
    let listed;
    try {
      listed = await deps.mde.actionsSince(type, since);
    } catch (err) {
      deps.warn?.('bulk.follow-lookup-failed', { runId: run.meta.id, error: String(err) });
      continue;
    }
    const byId = new Map(listed.map((a) => [a.id, a.status]));
    const changed: number[] = [];
    run.devices.forEach((d: DeviceOutcome, i) => {
      if (d.state !== 'accepted' || settled(d) || !d.mdeId) return;
      const status = byId.get(d.mdeId);
      if (status && status !== d.mdeStatus) {
        run.devices[i] = { ...d, mdeStatus: status };
        changed.push(i);
        if (settled(run.devices[i] as DeviceOutcome)) ctx.locks.release(d.id, group, run.meta.id);
      }
    });
    if (changed.length > 0) {
      interval = deps.followFirstMs;
      await ctx.changed(changed);
    }
  }
  run.meta.followEnded = 'final';
}
