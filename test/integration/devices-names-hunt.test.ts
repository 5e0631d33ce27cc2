import { devicesFromText } from '../../src/devices/pasted-source';
import type { MdeDeviceApi } from '../../src/mde/device-api';
import { createMdeRateLimiter } from '../../src/mde/rate-limiter';
import { startSandbox, type Sandbox } from '../../src/sandbox';
import { DEMO_MACHINES } from '../../src/sandbox/demo-machines';
import { syntheticMachineName, syntheticMachines } from '../../src/sandbox/synthetic-machines';
import { sandboxDeviceApi } from '../support/sandbox-device-api';

/**
 * A long pasted list resolved through the real MDE client and Graph hunting against the sandbox,
 * counting what reached MDE. Time runs 100 times faster (a minute is 600 ms) on both sides, so
 * the per-name reference (one GET each at 100/min) is measured in the same run.
 */
jest.setTimeout(60_000);

const SCALE = 0.01;
const fleet = syntheticMachines();
const unknownNames = Array.from({ length: 5 }, (_, i) => `gone-${i}.verdict-demo.example`);
const pasted = [...fleet.map((m) => m.computerDnsName), DEMO_MACHINES.laptop.computerDnsName.toUpperCase(), DEMO_MACHINES.buildServer.id, ...unknownNames];

describe('resolving 600+ pasted names with one hunting query', () => {
  let sb: Sandbox;
  let api: MdeDeviceApi;
  beforeAll(async () => {
    sb = await startSandbox({ timeScale: SCALE });
    api = sandboxDeviceApi(sb, { limiter: createMdeRateLimiter({ timeScale: SCALE }) });
  });
  afterAll(() => sb.stop());
  afterEach(() => sb.faults.clear());

  const calls = () => {
    const { byFamily } = sb.stats();
    return { hunts: byFamily['graph-hunting'] ?? 0, machines: byFamily.machines ?? 0, actions: byFamily.machineactions ?? 0 };
  };
  const since = (before: ReturnType<typeof calls>) => {
    const now = calls();
    return { hunts: now.hunts - before.hunts, machines: now.machines - before.machines, actions: now.actions - before.actions };
  };

  it('when 607 names and ids are pasted, then 1 hunt, 20 detail GETs and a GET per unknown one resolve them, far faster than a GET each', async () => {
    const before = calls();
    const started = Date.now();
    const fast = await devicesFromText(api, pasted.join('\n'), { hunt: (q) => api.hunt(q) });
    const fastMs = Date.now() - started;
    if (!fast.ok) throw new Error(fast.reason);
    expect(fast.set.devices).toHaveLength(602);
    expect(fast.set.devices.slice(0, 3).map((d) => d.id)).toEqual(fleet.slice(0, 3).map((m) => m.id));
    expect(fast.set.devices[0]).toMatchObject({ os: fleet[0]?.osPlatform, health: fleet[0]?.healthStatus, isolation: 'not-isolated' });
    expect(fast.set.devices[600]).toEqual({ id: DEMO_MACHINES.laptop.id, name: DEMO_MACHINES.laptop.computerDnsName, isolation: 'not-isolated' });
    expect(fast.set.unknown).toEqual(unknownNames);
    expect(fast.set.notes).toEqual([]);
    const fastCalls = since(before);
    expect(fastCalls).toEqual({ hunts: 1, machines: 20 + unknownNames.length, actions: 2 });

    // The reference: the same list, one GET per key (no hunt), on the same sandbox and limiter.
    const ref = calls();
    const t0 = Date.now();
    const slow = await devicesFromText(api, pasted.join('\n'));
    const slowMs = Date.now() - t0;
    expect(slow.ok && slow.set.devices.map((d) => d.id)).toEqual(fast.set.devices.map((d) => d.id));
    expect(since(ref)).toEqual({ hunts: 0, machines: pasted.length, actions: 2 });
    expect(fastMs).toBeLessThan(slowMs);
    if (process.env.VERDICT_REPORT_TIMINGS) process.stdout.write(`names: hunt path ${JSON.stringify(fastCalls)} ${fastMs} ms; per-name GET ${pasted.length} GETs ${slowMs} ms (time x${1 / SCALE})\n`);
  });

  it('when Graph refuses the hunt, then every name is a GET and the set says why', async () => {
    sb.faults.inject({ family: 'graph-hunting', type: 'status', status: 403 });
    const names = Array.from({ length: 30 }, (_, i) => syntheticMachineName(i + 1));
    const before = calls();
    const got = await devicesFromText(api, names.join(' '), { hunt: (q) => api.hunt(q) });
    if (!got.ok) throw new Error(got.reason);
    expect(got.set.devices).toHaveLength(30);
    expect(got.set.notes).toEqual([expect.stringMatching(/^Advanced hunting is not permitted for Verdict \(ThreatHunting\.Read\.All\); looked the devices up one by one\.$/)]);
    expect(since(before)).toEqual({ hunts: 1, machines: 30, actions: 2 });
  });
});
