import type { BulkAction } from './bulk-action';
import type { RunContext } from './bulk-runner';
import { stopIfPaused, type DeviceOutcome } from './run-state';
import { classify } from './send-device';

/** The bulk tag API's cap (add-or-remove-multiple-machine-tags). */
const TAG_CHUNK = 500;
const MAX_CHUNK_TRIES = 5;

/**
 * A tag over the set: one call per ≤ 500 devices. Adding or removing a tag twice changes nothing,
 * so a chunk whose answer was lost (or was `sending` at a restart) is simply sent again; a 429
 * waits and resends; a 403 fails every device left, naming the permission.
 */
export async function runTags(ctx: RunContext, action: Extract<BulkAction, { kind: 'tag' }>): Promise<void> {
  const pending = ctx.run.devices.flatMap((d, i) => (d.state === 'queued' || d.state === 'sending' ? [i] : []));
  for (let c = 0; c < pending.length; c += TAG_CHUNK) {
    stopIfPaused(ctx.deps);
    const chunk = pending.slice(c, c + TAG_CHUNK);
    for (const i of chunk) ctx.run.devices[i] = { ...(ctx.run.devices[i] as DeviceOutcome), state: 'sending' };
    await ctx.changed(chunk);
    for (let tries = 1; ; tries++) {
      try {
        const updated = new Set((await ctx.deps.mde.tag(chunk.map((i) => (ctx.run.devices[i] as DeviceOutcome).id), action.value, action.tagAction)).map((id) => id.toLowerCase()));
        for (const i of chunk) {
          const d = ctx.run.devices[i] as DeviceOutcome;
          ctx.run.devices[i] = updated.has(d.id) ? { ...d, state: 'done' } : { ...d, state: 'failed', error: { kind: 'not-found' }, detail: 'Defender did not report this device as updated' };
        }
        break;
      } catch (err) {
        const failure = classify(err);
        if (tries < MAX_CHUNK_TRIES && (failure.type === 'ambiguous' || failure.type === 'throttled')) {
          await ctx.deps.sleep(failure.type === 'throttled' ? failure.retryAfterMs : 1_000 * tries);
          continue;
        }
        const error = failure.type === 'forbidden' || failure.type === 'refused' ? failure.error : { kind: failure.type === 'throttled' ? 'throttled' : 'timeout' };
        const rest = pending.slice(c);
        for (const i of rest) ctx.run.devices[i] = { ...(ctx.run.devices[i] as DeviceOutcome), state: 'failed', error };
        await ctx.changed(rest);
        return;
      }
    }
    await ctx.changed(chunk);
  }
}
