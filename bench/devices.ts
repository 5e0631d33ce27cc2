import { performance } from 'node:perf_hooks';
import { syntheticMachines } from '../src/sandbox/synthetic-machines';
import type { BulkRun } from '../src/devices/bulk/run-state';
import type { Actor } from '../src/containment/ports';
import { startBenchVerdict, type BenchVerdict } from './compose';
import { deviceFloorMs, machineRoundTripMs } from './floors';

export { deviceFloorMs, machineRoundTripMs };
import { seededRandom } from './stats';

/**
 * Issue 13's device scenarios through the composed bot (main.ts's root: the bulk runner with its
 * gate, the shared limiter, the containment service with its per-action policy) and the real
 * sandbox, time-scaled. The GUI references (Microsoft's MDE API GUI: one call per device, a fixed
 * 2 s sleep, no 429 handling) run in the same process against their own sandbox.
 */
export const DEVICE_COUNT = 500;
const FINAL = new Set(['Succeeded', 'Failed', 'TimeOut', 'Cancelled']);
const alex: Actor = { aadObjectId: '00000000-0000-4000-8000-0000000a1e0c', name: 'Alex (bench)', roles: new Set(['responder']) };
const megan: Actor = { aadObjectId: '00000000-0000-4000-8000-0000000e6a11', name: 'Megan (bench)', roles: new Set(['approver']) };

export interface DeviceScenario {
  /** Scaled ms from the request (tag, scan) or the approval (isolate) to the last device's call answered. */
  sendMs: number;
  /** Scaled ms from the request to the run's end (isolation: every machine action followed to a final status). */
  endMs: number;
  calls: Record<string, number>;
  throttled: number;
  devices: number;
  accepted: number;
  final: number;
  statuses: Record<string, number>;
  approvedBy?: string;
}

const fleet = () => syntheticMachines().slice(0, DEVICE_COUNT).map((m) => ({ id: m.id, name: m.computerDnsName }));

async function waitFor<T>(read: () => Promise<T | undefined>, done: (v: T) => boolean, everyMs: number): Promise<T> {
  for (;;) {
    const v = await read();
    if (v !== undefined && done(v)) return v;
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** One device-set request through the containment service as the cards would send it; isolation is approved by Megan. */
export async function runDeviceScenario(timeScale: number, kind: 'device-tag' | 'device-av-scan' | 'device-set-isolate', seed: number): Promise<DeviceScenario> {
  const v = await startBenchVerdict({ timeScale, sandbox: { latencyModel: 'realistic', random: seededRandom(seed) } });
  try {
    await v.tokenProvider.getToken();
    const tenantId = v.sandbox.credentials.tenantId;
    const service = v.deps.containment?.service;
    const runs = v.deps.devices?.runs;
    if (!runs || !service) throw new Error('the composed bot has no device runs or containment');
    const action = kind === 'device-tag' ? { kind: 'tag', value: 'bench-500', tagAction: 'Add' } : kind === 'device-av-scan' ? { kind: 'scan', scanType: 'Quick' } : { kind: 'isolate', isolationType: 'Full' };
    const input = { kind, target: { setId: 'bench-set', source: `a pasted list of ${DEVICE_COUNT} entries`, devices: fleet() }, parameters: { action }, reason: 'bench IR-13' };
    const before = v.sandbox.stats();
    const started = performance.now();
    const asked = await service.request({ actor: alex, tenantId, conversation: { id: 'a:bench', type: 'personal' }, input });
    if (!asked.ok) throw new Error(`${kind}: request refused: ${JSON.stringify(asked).slice(0, 300)}`);
    const id = asked.request.id;
    let sendFrom = started;
    if (kind === 'device-set-isolate') {
      sendFrom = performance.now();
      const decided = await service.decide('approve', { id, actor: megan, tenantId });
      if (!decided.ok) throw new Error(`isolate: approval refused: ${JSON.stringify(decided).slice(0, 300)}`);
    }
    const poll = Math.max(5, 1_000 * timeScale);
    const sent = await waitFor(() => runs.get(id).then((r) => r ?? undefined), (r: BulkRun) => r.devices.every((d) => d.state !== 'queued' && d.state !== 'sending'), poll);
    const sendMs = performance.now() - sendFrom;
    // Only isolation's goal asks for every action followed to final (the follower's waits are not scaled: ≈ 2 min).
    if (kind === 'device-set-isolate') await runs.idle();
    const endMs = performance.now() - started;
    const run = (await runs.get(id)) ?? sent;
    const after = v.sandbox.stats();
    const calls: Record<string, number> = {};
    for (const [family, n] of Object.entries(after.byFamily)) if (n - (before.byFamily[family] ?? 0) > 0) calls[family] = n - (before.byFamily[family] ?? 0);
    const statuses: Record<string, number> = {};
    for (const d of run.devices) statuses[d.mdeStatus ?? d.state] = (statuses[d.mdeStatus ?? d.state] ?? 0) + 1;
    return {
      sendMs,
      endMs,
      calls,
      throttled: after.throttled - before.throttled,
      devices: run.devices.length,
      accepted: run.devices.filter((d) => d.state === 'accepted' || d.state === 'done').length,
      final: run.devices.filter((d) => FINAL.has(d.mdeStatus ?? '')).length,
      statuses,
      ...(run.meta.approvedBy ? { approvedBy: run.meta.approvedBy } : {}),
    };
  } finally {
    await v.stop();
  }
}

export interface GuiReference {
  wallMs: number;
  calls: number;
  throttled: number;
  failed: number;
}

/**
 * The GUI's way: one POST per device (`/tags` or `/runAntiVirusScan`), one after another, a fixed
 * 2 s sleep after each (scaled like MDE's windows), and a 429 is logged and the device skipped (no
 * retry, no pacing). Plain fetch with the token of the same msal-node provider.
 */
export async function runGuiReference(timeScale: number, what: 'tag' | 'scan', seed: number): Promise<GuiReference> {
  const v = await startBenchVerdict({ timeScale, sandbox: { latencyModel: 'realistic', random: seededRandom(seed) } });
  try {
    const token = await v.tokenProvider.getToken();
    let throttled = 0;
    let failed = 0;
    const started = performance.now();
    for (const d of fleet()) {
      const [segment, body] = what === 'tag' ? ['tags', { Value: 'bench-500', Action: 'Add' }] : ['runAntiVirusScan', { Comment: 'bench IR-13', ScanType: 'Quick' }];
      const res = await fetch(`${v.sandbox.apiBaseUrl}/api/machines/${d.id}/${segment}`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
      await res.text();
      if (res.status === 429) throttled += 1;
      else if (!res.ok) failed += 1;
      await new Promise((r) => setTimeout(r, 2_000 * timeScale));
    }
    const stats = v.sandbox.stats();
    return { wallMs: performance.now() - started, calls: stats.byFamily.machines ?? 0, throttled, failed };
  } finally {
    await v.stop();
  }
}
