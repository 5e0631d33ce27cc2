import { startSandbox, type Sandbox } from '../../src/sandbox';
import { DEMO_ALERTS, DEMO_UNKNOWN_ALERT_ID } from '../../src/sandbox/demo-alerts';
import { DEMO_MACHINES } from '../../src/sandbox/demo-machines';
import { DEMO_FILES, DEMO_NOT_FOUND_SHA256 } from '../../src/sandbox/demo-tenant';
import { clientFor } from './sandbox-http';

/** Every MdeClient endpoint, the real client and msal-node against the sandbox on loopback. */
jest.setTimeout(30_000);

const EICAR_ALERT = DEMO_ALERTS.eicar.alert.id;
const NEVER_SEEN_SHA1 = '0'.repeat(40);

describe('MDE client endpoints against the sandbox', () => {
  let sb: Sandbox;
  let client: ReturnType<typeof clientFor>;
  beforeAll(async () => {
    sb = await startSandbox();
    client = clientFor(sb);
  });
  afterAll(() => sb.stop());

  it('when the EICAR alert is read, then its title, severity, status, device and file evidence come through', async () => {
    const alert = await client.getAlert(EICAR_ALERT);
    expect(alert).toMatchObject({ id: EICAR_ALERT, title: 'EICAR test file detected', severity: 'High', status: 'New', category: 'Malware', computerDnsName: 'workstation-07.verdict-demo.example', threatName: 'Virus:DOS/EICAR_Test_File' });
    expect(alert?.evidence?.map((e) => e.sha1)).toEqual([DEMO_FILES.malware.sha1, DEMO_FILES.pua.sha1]);
  });

  it("when the alert's files and device are read, then EICAR and the PUA, and workstation-07", async () => {
    const files = await client.getAlertFiles(EICAR_ALERT);
    expect(files?.map((f) => [f.sha1, f.md5, f.determinationType])).toEqual([
      [DEMO_FILES.malware.sha1, DEMO_FILES.malware.md5, 'Malware'],
      [DEMO_FILES.pua.sha1, DEMO_FILES.pua.md5, 'Pua'],
    ]);
    expect(await client.getAlertMachine(EICAR_ALERT)).toMatchObject({ id: DEMO_MACHINES.workstation.id, osPlatform: 'Windows11', rbacGroupId: 140, healthStatus: 'Active' });
  });

  it('when the second alert is read, then it is on another device with the unknown file', async () => {
    const id = DEMO_ALERTS.rareService.alert.id;
    expect(await client.getAlertMachine(id)).toMatchObject({ computerDnsName: 'build-server-02.verdict-demo.example', aadDeviceId: null });
    expect((await client.getAlertFiles(id))?.map((f) => f.sha256)).toEqual([DEMO_FILES.unknown.sha256]);
  });

  it('when an alert id was never issued, then getAlert, getAlertFiles and getAlertMachine resolve null', async () => {
    await expect(client.getAlert(DEMO_UNKNOWN_ALERT_ID)).resolves.toBeNull();
    await expect(client.getAlertFiles(DEMO_UNKNOWN_ALERT_ID)).resolves.toBeNull();
    await expect(client.getAlertMachine(DEMO_UNKNOWN_ALERT_ID)).resolves.toBeNull();
  });

  it("when a file's stats are read, then MDE's globallyPrevalence arrives as globalPrevalence", async () => {
    expect(await client.getFileStats(DEMO_FILES.clean.sha1, { lookBackHours: 720 })).toEqual({
      sha1: DEMO_FILES.clean.sha1,
      organizationPrevalence: 412,
      orgFirstSeen: '2025-10-03T00:00:12Z',
      orgLastSeen: '2025-11-03T11:26:09Z',
      globalPrevalence: DEMO_FILES.clean.file.globalPrevalence,
      globalFirstObserved: DEMO_FILES.clean.file.globalFirstObserved,
      globalLastObserved: DEMO_FILES.clean.file.globalLastObserved,
      topFileNames: ['notepad.exe'],
    });
    await expect(client.getFileStats(NEVER_SEEN_SHA1)).resolves.toBeNull();
  });

  it("when a file's devices and alerts are read, then known files list them and unknown ones give empty lists", async () => {
    expect((await client.getFileMachines(DEMO_FILES.clean.sha1)).map((m) => m.computerDnsName)).toHaveLength(3);
    expect((await client.getFileAlerts(DEMO_FILES.malware.sha1)).map((a) => a.id)).toEqual([EICAR_ALERT]);
    await expect(client.getFileMachines(NEVER_SEEN_SHA1)).resolves.toEqual([]);
    await expect(client.getFileAlerts(NEVER_SEEN_SHA1)).resolves.toEqual([]);
  });

  it('when a device is read by its id (any case), then the Machine comes through; an id Defender never issued is null', async () => {
    const { workstation } = DEMO_MACHINES;
    expect(await client.getMachine(workstation.id.toUpperCase())).toMatchObject({ id: workstation.id, computerDnsName: 'workstation-07.verdict-demo.example', rbacGroupId: 140, aadDeviceId: workstation.aadDeviceId });
    await expect(client.getMachine('f'.repeat(40))).resolves.toBeNull();
  });

  it('when getMachine is given a computer name, then it is refused without reaching the sandbox (which would resolve names)', async () => {
    const before = sb.stats().apiCalls;
    await expect(client.getMachine(DEMO_MACHINES.workstation.computerDnsName)).rejects.toMatchObject({ kind: 'bad-request', code: 'InvalidInput', operation: 'machines.get' });
    expect(sb.stats().apiCalls).toBe(before);
  });

  it('when the device lookup meets a 503 once, then the client retries it and the call counts in the machines family', async () => {
    const before = sb.stats().byFamily.machines ?? 0;
    sb.faults.inject({ type: 'status', status: 503, family: 'machines' });
    await expect(client.getMachine(DEMO_MACHINES.laptop.id)).resolves.toMatchObject({ computerDnsName: 'laptop-12.verdict-demo.example' });
    expect((sb.stats().byFamily.machines ?? 0) - before).toBe(2);
  });

  it('when a SHA-256 is given to a SHA-1-only endpoint, then it is refused without reaching the sandbox', async () => {
    const before = sb.stats().apiCalls;
    await expect(client.getFileMachines(DEMO_NOT_FOUND_SHA256)).rejects.toMatchObject({ kind: 'bad-request', code: 'InvalidHashValue' });
    expect(sb.stats().apiCalls).toBe(before);
  });
});

describe('MDE client endpoints with missing roles', () => {
  it('when the app lacks Machine.Read.All, then the alert device lookup fails forbidden naming it', async () => {
    const sb = await startSandbox({ appRoles: ['File.Read.All', 'Alert.Read.All'] });
    try {
      await expect(clientFor(sb).getAlertMachine(EICAR_ALERT)).rejects.toMatchObject({ kind: 'forbidden', status: 403, permissions: ['Machine.Read.All'] });
      await expect(clientFor(sb).getMachine(DEMO_MACHINES.workstation.id)).rejects.toMatchObject({ kind: 'forbidden', status: 403, operation: 'machines.get', permissions: ['Machine.Read.All'] });
    } finally {
      await sb.stop();
    }
  });
});
