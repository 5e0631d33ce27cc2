import { startSandbox, type Sandbox } from '../../src/sandbox';
import { DEMO_ALERTS, DEMO_UNKNOWN_ALERT_ID } from '../../src/sandbox/demo-alerts';
import { DEMO_MACHINES } from '../../src/sandbox/demo-machines';
import { DEMO_FILES, DEMO_NOT_FOUND_SHA256 } from '../../src/sandbox/demo-tenant';
import { call, tokenFor } from './sandbox-http';

/** The related-file, alert and device APIs over raw HTTP: exact shapes, 404 vs 200-empty, roles. */
const MACHINE_FIELDS = [
  'id', 'computerDnsName', 'firstSeen', 'lastSeen', 'osPlatform', 'version', 'osProcessor', 'lastIpAddress', 'lastExternalIpAddress', 'osBuild',
  'healthStatus', 'deviceValue', 'rbacGroupId', 'rbacGroupName', 'riskScore', 'exposureLevel', 'isAadJoined', 'aadDeviceId', 'machineTags',
  'onboardingStatus', 'osArchitecture', 'ipAddresses',
];
const STATS_FIELDS = ['@odata.context', 'sha1', 'organizationPrevalence', 'orgFirstSeen', 'orgLastSeen', 'globallyPrevalence', 'globalFirstObserved', 'globalLastObserved', 'topFileNames'];
const EICAR = DEMO_ALERTS.eicar.alert;

describe('sandbox alerts, devices and file relations', () => {
  let sb: Sandbox;
  let token: string;
  beforeAll(async () => {
    sb = await startSandbox();
    token = await tokenFor(sb);
  });
  afterAll(() => sb.stop());

  it('when the EICAR alert is read, then it is the documented Alert shape with its device and evidence', async () => {
    const { status, json } = await call(sb, token, `/api/alerts/${EICAR.id}`);
    expect(status).toBe(200);
    expect(Object.keys(json)).toEqual(['@odata.context', ...Object.keys(EICAR)]);
    expect(json).toMatchObject({ id: 'da637472900382838869_1364969609', title: 'EICAR test file detected', severity: 'High', status: 'New', category: 'Malware', computerDnsName: 'workstation-07.verdict-demo.example', machineId: DEMO_MACHINES.workstation.id, investigationId: null, resolvedTime: null });
    expect(json['@odata.context']).toBe(`${sb.apiBaseUrl}/api/$metadata#Alerts/$entity`);
  });

  it("when the alert's files are read, then EICAR and the PUA come back as File entities with md5", async () => {
    const { json } = await call(sb, token, `/api/alerts/${EICAR.id}/files`);
    expect(json['@odata.context']).toBe(`${sb.apiBaseUrl}/api/$metadata#Files`);
    expect(json.value).toEqual([DEMO_FILES.malware.file, DEMO_FILES.pua.file]);
    expect(json.value?.[0]).toHaveProperty('md5', DEMO_FILES.malware.md5);
  });

  it("when the alert's device is read, then every Machine field is there, nulls included", async () => {
    const { json } = await call(sb, token, `/api/alerts/${DEMO_ALERTS.rareService.alert.id}/machine`);
    expect(Object.keys(json)).toEqual(['@odata.context', ...MACHINE_FIELDS]);
    expect(json).toMatchObject({ id: expect.stringMatching(/^[0-9a-f]{40}$/), computerDnsName: 'build-server-02.verdict-demo.example', aadDeviceId: null, lastExternalIpAddress: null, rbacGroupId: 211 });
  });

  it.each(['', '/files', '/machine'])('when alert%s is asked for an id MDE never issued, then 404 NotFound', async (suffix) => {
    const { status, json } = await call(sb, token, `/api/alerts/${DEMO_UNKNOWN_ALERT_ID}${suffix}`);
    expect(status).toBe(404);
    expect(json.error?.code).toBe('NotFound');
  });

  it("when a file's stats are read, then MDE's exact field names come back, organizationPrevalence and globallyPrevalence", async () => {
    const { status, json } = await call(sb, token, `/api/files/${DEMO_FILES.pua.sha1}/stats?lookBackHours=48`);
    expect(status).toBe(200);
    expect(Object.keys(json)).toEqual(STATS_FIELDS);
    expect(json).toMatchObject({ sha1: DEMO_FILES.pua.sha1, organizationPrevalence: 2, globallyPrevalence: DEMO_FILES.pua.file.globalPrevalence, topFileNames: ['FusionCoreSetup.exe', 'fusioncore_setup(1).exe'] });
  });

  it('when stats are asked for an unknown file or a look-back over 720 hours, then 404 and 400', async () => {
    expect((await call(sb, token, `/api/files/${'0'.repeat(40)}/stats`)).status).toBe(404);
    expect((await call(sb, token, `/api/files/${DEMO_FILES.pua.sha1}/stats?lookBackHours=721`)).json.error?.code).toBe('InvalidInput');
  });

  it("when the PUA's devices and alerts are read, then the workstation and laptop, and the EICAR alert, come back", async () => {
    const machines = await call(sb, token, `/api/files/${DEMO_FILES.pua.sha1}/machines`);
    expect(machines.json['@odata.context']).toBe(`${sb.apiBaseUrl}/api/$metadata#Machines`);
    expect(machines.json.value?.map((m) => m.computerDnsName)).toEqual(['workstation-07.verdict-demo.example', 'laptop-12.verdict-demo.example']);
    expect((await call(sb, token, `/api/files/${DEMO_FILES.pua.sha1}/alerts`)).json.value?.map((a) => a.id)).toEqual([EICAR.id]);
  });

  it.each(['machines', 'alerts'])('when %s are asked for a SHA-1 MDE does not know, then 200 with an empty value', async (kind) => {
    const { status, json } = await call(sb, token, `/api/files/${'0'.repeat(40)}/${kind}`);
    expect(status).toBe(200);
    expect(json.value).toEqual([]);
  });

  it.each(['machines', 'alerts', 'stats'])('when %s are asked by SHA-256, then 400 InvalidHashValue (SHA-1 only)', async (kind) => {
    const { status, json } = await call(sb, token, `/api/files/${DEMO_NOT_FOUND_SHA256}/${kind}`);
    expect(status).toBe(400);
    expect(json.error?.code).toBe('InvalidHashValue');
  });
});

describe('sandbox alert routes with other roles', () => {
  it('when the app has File.Read.All only, then alert files work but the alert and its device are 403 naming the role', async () => {
    const sb = await startSandbox({ appRoles: ['File.Read.All'] });
    try {
      const token = await tokenFor(sb);
      expect((await call(sb, token, `/api/alerts/${EICAR.id}/files`)).status).toBe(200);
      expect((await call(sb, token, `/api/alerts/${EICAR.id}`)).json.error?.message).toContain('API required roles: Alert.Read.All, Alert.ReadWrite.All');
      expect((await call(sb, token, `/api/alerts/${EICAR.id}/machine`)).json.error?.message).toContain('Machine.Read.All');
    } finally {
      await sb.stop();
    }
  });
});
