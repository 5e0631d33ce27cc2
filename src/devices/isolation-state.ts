import type { DeviceAction } from './ports';

/** What Defender shows of a device's isolation, derived from its machine actions (MDE has no isolation field). */
export type IsolationState = 'isolated' | 'not-isolated' | 'isolating' | 'releasing';

const ACTIVE = new Set(['Pending', 'InProgress']);
const time = (a: DeviceAction) => Date.parse(a.creationDateTimeUtc ?? '') || 0;

/**
 * From the device's Isolate/Unisolate actions, newest first: one under way says isolating or
 * releasing; else the newest that Succeeded says isolated or not; failed, timed-out and cancelled
 * ones changed nothing and are passed over. No action at all: not isolated.
 */
export function isolationStateOf(actions: readonly DeviceAction[]): IsolationState {
  const newest = [...actions].filter((a) => a.type === 'Isolate' || a.type === 'Unisolate').sort((a, b) => time(b) - time(a));
  for (const action of newest) {
    if (ACTIVE.has(action.status)) return action.type === 'Isolate' ? 'isolating' : 'releasing';
    if (action.status === 'Succeeded') return action.type === 'Isolate' ? 'isolated' : 'not-isolated';
  }
  return 'not-isolated';
}

/** Isolation state per device id (lower-case), from tenant-wide Isolate and Unisolate lists (two calls, not one per device). */
export function isolationStates(actions: readonly DeviceAction[], machineIds: readonly string[]): Map<string, IsolationState> {
  const byMachine = new Map<string, DeviceAction[]>();
  for (const a of actions) {
    const id = (a.machineId ?? '').toLowerCase();
    const list = byMachine.get(id);
    if (list) list.push(a);
    else byMachine.set(id, [a]);
  }
  return new Map(machineIds.map((id) => [id, isolationStateOf(byMachine.get(id.toLowerCase()) ?? [])]));
}

export const ISOLATION_WORDS: Readonly<Record<IsolationState, string>> = Object.freeze({
  isolated: 'Isolated',
  'not-isolated': 'Not isolated',
  isolating: 'Isolation pending',
  releasing: 'Release pending',
});
