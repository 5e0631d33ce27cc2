import { MemoryStorage } from 'botbuilder';
import type { DeviceAction } from '../../src/devices/ports';
import type { BulkAction } from '../../src/devices/bulk/bulk-action';
import { DeviceLocks } from '../../src/devices/bulk/device-locks';
import type { BulkRuns } from '../../src/devices/bulk/bulk-runs';
import { newRun, type NewRun } from '../../src/devices/bulk/bulk-runner';
import type { BulkRun } from '../../src/devices/bulk/run-state';
import { simpleGate } from '../../src/devices/bulk/p-queue-gate';
import type { BulkDeps, BulkMde, SendResult } from '../../src/devices/bulk/ports';
import { createRunStore } from '../../src/devices/bulk/run-store';
import { MdeError, type MdeErrorInit } from '../../src/mde/errors';

export const T0 = Date.parse('2026-12-02T09:00:00.000Z');
export const deviceId = (n: number) => n.toString(16).padStart(40, '0');
export const devices = (count: number) => Array.from({ length: count }, (_, i) => ({ id: deviceId(i + 1), name: `ws-${i + 1}` }));
export const mdeError = (init: Partial<MdeErrorInit> & Pick<MdeErrorInit, 'kind'>) => new MdeError({ operation: 'machines.scan', ...init });

/**
 * A fake MDE: machine actions it created (status advanced by `advance`), scripted failures per
 * call, tags; every call recorded. `script(machineId)` may throw or answer already-pending.
 */
export function fakeBulkMde(options: { script?: (machineId: string, call: number) => SendResult | Error | undefined } = {}) {
  const actions: (DeviceAction & { machineId: string })[] = [];
  const sends: string[] = [];
  const tagCalls: string[][] = [];
  let lists = 0;
  let n = 0;
  let clock = T0;
  const mde: BulkMde = {
    async send(machineId, action: Exclude<BulkAction, { kind: 'tag' }>, comment) {
      sends.push(machineId);
      const scripted = options.script?.(machineId, sends.length);
      if (scripted instanceof Error) throw scripted;
      if (scripted) return scripted;
      const type = { isolate: 'Isolate', release: 'Unisolate', scan: 'RunAntiVirusScan', restrict: 'RestrictCodeExecution', unrestrict: 'UnrestrictCodeExecution', collect: 'CollectInvestigationPackage', quarantine: 'StopAndQuarantineFile' }[action.kind];
      const made = { id: `act-${++n}`, type, status: 'Pending', machineId, requestorComment: comment, creationDateTimeUtc: new Date(clock).toISOString() };
      actions.push(made);
      return { kind: 'created', actionId: made.id, status: 'Pending' };
    },
    async tag(ids) {
      tagCalls.push(ids);
      return ids;
    },
    async actionsSince(type) {
      lists++;
      return actions.filter((a) => a.type === type).map((a) => ({ ...a }));
    },
  };
  return {
    mde,
    actions,
    sends,
    tagCalls,
    lists: () => lists,
    /** MDE moves every action on: Pending → InProgress → the outcome. */
    advance(outcome = 'Succeeded') {
      for (const a of actions) a.status = a.status === 'Pending' ? 'InProgress' : a.status === 'InProgress' ? outcome : a.status;
    },
    setClock: (ms: number) => void (clock = ms),
    /** An action MDE holds that this fake did not create through `send` (e.g. sent before a restart). */
    seed: (a: DeviceAction & { machineId: string }) => void actions.push(a),
  };
}

export function bulkHarness(fake: ReturnType<typeof fakeBulkMde>, over: Partial<BulkDeps> = {}) {
  let now = T0;
  const storage = new MemoryStorage();
  const store = createRunStore(storage);
  const lines: string[] = [];
  const deps: BulkDeps = {
    mde: fake.mde,
    gate: simpleGate(4),
    clock: () => now,
    // Time passes only when the runner sleeps; MDE moves its actions on at each look.
    sleep: async (ms) => {
      now += ms;
      fake.advance();
    },
    followFirstMs: 5_000,
    followMaxIntervalMs: 60_000,
    followForMs: 3_600_000,
    ...over,
  };
  return { deps, store, storage, locks: new DeviceLocks(), lines, now: () => now };
}

/** A fake BulkRuns: records what was begun; a run ends when the test says so. */
export function fakeRuns() {
  const runs = new Map<string, BulkRun>();
  const begun: NewRun[] = [];
  const api: BulkRuns = {
    async begin(input) {
      begun.push(input);
      const run = runs.get(input.id) ?? newRun(input, Date.parse('2026-03-02T09:00:00Z'));
      runs.set(input.id, run);
      return run;
    },
    get: async (id) => runs.get(id) ?? null,
    resumeOpen: async () => 0,
    idle: async () => undefined,
  };
  const finish = (id: string) => {
    const run = runs.get(id);
    if (!run) throw new Error('no run');
    run.devices = run.devices.map((d) => ({ ...d, state: 'accepted', mdeId: `a-${d.id.slice(0, 4)}`, mdeStatus: 'Succeeded' }));
    run.meta.finishedAt = '2026-03-02T09:05:00Z';
  };
  return { api, begun, finish };
}

