import { describeMdeError } from '../../src/mde/describe-error';
import { isMdeError, type MdeError } from '../../src/mde/errors';
import type { MdeDeviceApi } from '../../src/mde/device-api';
import { createMdeRateLimiter } from '../../src/mde/rate-limiter';
import { startSandbox, type Sandbox } from '../../src/sandbox';
import { DEMO_MACHINES } from '../../src/sandbox/demo-machines';
import { DEMO_APP_ROLES, DEMO_FILES } from '../../src/sandbox/demo-tenant';
import { syntheticMachineName, syntheticMachines } from '../../src/sandbox/synthetic-machines';
import { sandboxDeviceApi } from '../support/sandbox-device-api';

/** Every device response endpoint through the real MDE client, real HTTP against the sandbox. */
jest.setTimeout(30_000);

const fleet = syntheticMachines();
const idOf = (n: number) => fleet[n - 1]?.id ?? '';

async function failure(p: Promise<unknown>): Promise<MdeError> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  if (!isMdeError(err)) throw new Error(`expected an MdeError, got ${String(err)}`);
  return err;
}

async function until<T>(read: () => Promise<T>, done: (v: T) => boolean, timeoutMs = 5_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (done(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('device response actions against the sandbox', () => {
  let sb: Sandbox;
  let api: MdeDeviceApi;
  beforeAll(async () => {
    // A scaled minute (600 ms): getPackageUri allows 2 calls a minute.
    sb = await startSandbox({ timeScale: 0.01, containment: { actionPendingMs: 200, actionInProgressMs: 200 } });
    api = sandboxDeviceApi(sb, { limiter: createMdeRateLimiter({ timeScale: 0.01 }) });
  });
  afterAll(() => sb.stop());

  it.each([
    [{ type: 'RunAntiVirusScan', comment: 'scan', scanType: 'Quick' } as const, 'Quick'],
    [{ type: 'RunAntiVirusScan', comment: 'scan', scanType: 'Full' } as const, 'Full'],
    [{ type: 'RestrictCodeExecution', comment: 'restrict' } as const, null],
    [{ type: 'CollectInvestigationPackage', comment: 'collect' } as const, null],
    [{ type: 'StopAndQuarantineFile', comment: 'quarantine', sha1: DEMO_FILES.malware.sha1 } as const, null],
  ])('when %o is asked, then MDE creates a Pending action that ends Succeeded, and a repeat meanwhile is already-pending', async (input, scope) => {
    const machine = idOf(input.type === 'RunAntiVirusScan' && scope === 'Full' ? 2 : 1);
    const result = await api.runAction(machine, input);
    if (result.kind !== 'created') throw new Error('expected a created action');
    expect(result.action).toMatchObject({ type: input.type, status: 'Pending', machineId: machine, requestorComment: input.comment, scope });
    if (input.type === 'StopAndQuarantineFile') expect(result.action.relatedFileInfo).toMatchObject({ fileIdentifier: DEMO_FILES.malware.sha1, fileIdentifierType: 'Sha1' });
    expect(await api.runAction(machine, input)).toMatchObject({ kind: 'already-pending', code: 'ActiveRequestAlreadyExists' });
    const seen = new Set<string>();
    const done = await until(() => api.getAction(result.action.id), (a) => (a && seen.add(a.status), a?.status === 'Succeeded'));
    expect(done?.status).toBe('Succeeded');
    expect(seen.has('InProgress') || seen.has('Pending')).toBe(true);
  });

  it('when a restriction is under way, then removing it is refused as already pending (the two conflict)', async () => {
    expect((await api.runAction(idOf(3), { type: 'RestrictCodeExecution', comment: 'r' })).kind).toBe('created');
    expect(await api.runAction(idOf(3), { type: 'UnrestrictCodeExecution', comment: 'u' })).toMatchObject({ kind: 'already-pending' });
  });

  it('when a device is released, then an Unisolate action is created; a second isolate meanwhile is already pending', async () => {
    const released = await api.runAction(idOf(4), { type: 'Unisolate', comment: 'release' });
    expect(released).toMatchObject({ kind: 'created', action: { type: 'Unisolate', status: 'Pending' } });
    expect(await api.isolate(idOf(4), 'isolate', 'Full')).toMatchObject({ kind: 'already-pending' });
  });

  it('when a collection succeeds, then its package link is given; before that and for other actions, none', async () => {
    const result = await api.runAction(idOf(5), { type: 'CollectInvestigationPackage', comment: 'collect' });
    if (result.kind !== 'created') throw new Error('expected a created action');
    expect(await api.getPackageUri(result.action.id)).toBeNull();
    await until(() => api.getAction(result.action.id), (a) => a?.status === 'Succeeded');
    expect(await api.getPackageUri(result.action.id)).toMatch(/^https:\/\/.+\.zip\?.*sig=/);
    expect(await api.getPackageUri('00000000-0000-0000-0000-000000000000')).toBeNull();
  });

  it('when 600 devices are tagged, then two bulk calls (500 + 100) tag every one of them, and a removal takes it off', async () => {
    const before = sb.stats().byFamily.machines ?? 0;
    const updated = await api.tagMachines(fleet.map((m) => m.id), 'IR-2026-13', 'Add');
    expect(updated).toHaveLength(600);
    expect((sb.stats().byFamily.machines ?? 0) - before).toBe(2);
    expect((await api.getMachine(idOf(600)))?.machineTags).toContain('IR-2026-13');
    await api.tagMachines([idOf(600)], 'IR-2026-13', 'Remove');
    expect((await api.getMachine(idOf(600)))?.machineTags).not.toContain('IR-2026-13');
  });

  it('when a device is looked up by computer name, then it is found; an unknown name is null, never a guess', async () => {
    expect((await api.getMachineByName(syntheticMachineName(42)))?.id).toBe(idOf(42));
    expect((await api.getMachineByName('LAPTOP-12.verdict-demo.example'))?.id).toBe(DEMO_MACHINES.laptop.id);
    expect(await api.getMachineByName('nobody.verdict-demo.example')).toBeNull();
    expect((await failure(api.getMachineByName("a'b"))).kind).toBe('bad-request');
  });

  it('when a device query runs, then its rows carry DeviceId and DeviceName; a KQL error comes back as bad-request with its text', async () => {
    const rows = await api.hunt('DeviceInfo | where OSPlatform == "Linux" and DeviceName startswith "fleet-00" | distinct DeviceName, DeviceId');
    expect(rows.length).toBeGreaterThan(10);
    expect(Object.keys(rows[0] ?? {}).sort()).toEqual(['DeviceId', 'DeviceName']);
    const files = await api.hunt(`DeviceFileEvents | where SHA1 == "${DEMO_FILES.clean.sha1}" | distinct DeviceName, DeviceId`);
    expect(files.map((r) => r.DeviceId).sort()).toEqual(Object.values(DEMO_MACHINES).map((m) => m.id).sort());
    const err = await failure(api.hunt('DeviceInfo | where Nope == "x"'));
    expect(err.kind).toBe('bad-request');
  });
});

describe('device action permissions', () => {
  it.each([
    ['Machine.Scan', (api: MdeDeviceApi) => api.runAction(idOf(1), { type: 'RunAntiVirusScan', comment: 'x', scanType: 'Quick' })],
    ['Machine.RestrictExecution', (api: MdeDeviceApi) => api.runAction(idOf(1), { type: 'UnrestrictCodeExecution', comment: 'x' })],
    ['Machine.CollectForensics', (api: MdeDeviceApi) => api.runAction(idOf(1), { type: 'CollectInvestigationPackage', comment: 'x' })],
    ['Machine.StopAndQuarantine', (api: MdeDeviceApi) => api.runAction(idOf(1), { type: 'StopAndQuarantineFile', comment: 'x', sha1: DEMO_FILES.malware.sha1 })],
    ['Machine.Isolate', (api: MdeDeviceApi) => api.runAction(idOf(1), { type: 'Unisolate', comment: 'x' })],
    ['Machine.ReadWrite.All', (api: MdeDeviceApi) => api.tagMachines([idOf(1)], 'x', 'Add')],
  ])('when the app lacks %s, then the 403 names it', async (permission, call) => {
    const sb = await startSandbox({ appRoles: DEMO_APP_ROLES.filter((r) => r !== permission) });
    try {
      const err = await failure(call(sandboxDeviceApi(sb)));
      expect(err).toMatchObject({ kind: 'forbidden', status: 403, permissions: [permission] });
      expect(describeMdeError(err).detail).toContain(permission);
    } finally {
      await sb.stop();
    }
  });
});
