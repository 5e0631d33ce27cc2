import { isMdeError, type MdeError } from '../../src/mde/errors';
import { createHttpMdeClient } from '../../src/mde/http-mde-client';
import { scriptedFetch, type ExpectedCall } from '../support/scripted-fetch';

const BASE = 'https://mde.test';
const SHA1 = '9d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e';
const SHA256 = '4c3ba8a2d5b3f5b2e1a0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8';
const ALERT = 'da637472900382838869_1364969609';
const notFound = { status: 404, body: { error: { code: 'NotFound', message: 'not found', target: 't-404' } } };

function setup(expected: ExpectedCall[]) {
  const http = scriptedFetch(expected);
  const client = createHttpMdeClient({ baseUrl: BASE, tokenProvider: { getToken: async () => 'tok' }, fetch: http.fetch, sleep: async () => undefined, random: () => 0 });
  return { client, http };
}
const get = (path: string, reply: ExpectedCall['reply']): ExpectedCall => ({ method: 'GET', url: `${BASE}${path}`, headers: { authorization: 'Bearer tok' }, reply });

async function failure(p: Promise<unknown>): Promise<MdeError> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  if (!isMdeError(err)) throw new Error(`expected an MdeError, got ${String(err)}`);
  return err;
}

describe('file endpoints', () => {
  it("when stats are asked with lookBackHours, then MDE's odd field names are normalised", async () => {
    const body = { '@odata.context': 'x', sha1: SHA1, organizationPrevalence: 14850, orgFirstSeen: '2019-12-07T13:44:16Z', orgLastSeen: null, globallyPrevalence: 705012, globalFirstObserved: 'g1', globalLastObserved: 'g2', topFileNames: ['MREC.exe'] };
    const { client, http } = setup([get(`/api/files/${SHA1}/stats?lookBackHours=48`, { status: 200, body })]);
    expect(await client.getFileStats(SHA1.toUpperCase(), { lookBackHours: 48 })).toEqual({
      sha1: SHA1, organizationPrevalence: 14850, orgFirstSeen: '2019-12-07T13:44:16Z', orgLastSeen: null, globalPrevalence: 705012, globalFirstObserved: 'g1', globalLastObserved: 'g2', topFileNames: ['MREC.exe'],
    });
    http.assertDone();
  });

  it('when stats are asked for a file MDE does not know, then null', async () => {
    const { client } = setup([get(`/api/files/${SHA1}/stats`, notFound)]);
    await expect(client.getFileStats(SHA1)).resolves.toBeNull();
  });

  it('when a file has devices and alerts, then the OData lists are read as arrays of entities', async () => {
    const machine = { id: '1e5bc9d7e413ddd7902c2932e418702b84d0cc07', computerDnsName: 'm1', rbacGroupId: 140, osBuild: null };
    const { client, http } = setup([
      get(`/api/files/${SHA1}/machines`, { status: 200, body: { '@odata.context': 'x#Machines', value: [machine] } }),
      get(`/api/files/${SHA1}/alerts`, { status: 200, body: { '@odata.context': 'x#Alerts', value: [] } }),
    ]);
    expect(await client.getFileMachines(SHA1)).toEqual([machine]);
    expect(await client.getFileAlerts(SHA1)).toEqual([]);
    http.assertDone();
  });

  it('when a list answer has no value, then it fails malformed instead of reading as empty', async () => {
    const { client } = setup([get(`/api/files/${SHA1}/alerts`, { status: 200, body: { '@odata.context': 'x' } })]);
    expect((await failure(client.getFileAlerts(SHA1))).kind).toBe('malformed');
  });

  it.each([
    ['getFileMachines', 'files.machines', ['Machine.Read.All']],
    ['getFileAlerts', 'files.alerts', ['Alert.Read.All']],
    ['getFileStats', 'files.stats', ['File.Read.All']],
  ] as const)('when %s is given a SHA-256, then it is refused as InvalidHashValue without calling MDE', async (method, operation, permissions) => {
    const { client, http } = setup([]);
    const err = await failure(client[method](SHA256));
    expect(err).toMatchObject({ kind: 'bad-request', code: 'InvalidHashValue', operation, permissions });
    expect(http.calls).toHaveLength(0);
  });

  it.each([0, 721, 1.5])('when lookBackHours is %p, then it is refused without calling MDE', async (hours) => {
    const { client, http } = setup([]);
    expect(await failure(client.getFileStats(SHA1, { lookBackHours: hours }))).toMatchObject({ kind: 'bad-request', code: 'InvalidInput' });
    expect(http.calls).toHaveLength(0);
  });
});

describe('alert endpoints', () => {
  it('when an alert is found, then it is parsed with its evidence and array-typed mitreTechniques', async () => {
    const alert = { id: ALERT, incidentId: 1126093, severity: 'High', status: 'New', mitreTechniques: ['T1064'], evidence: [{ entityType: 'File', sha1: SHA1, fileName: 'x.exe' }] };
    const { client } = setup([get(`/api/alerts/${ALERT}`, { status: 200, body: alert })]);
    await expect(client.getAlert(` ${ALERT} `)).resolves.toMatchObject(alert);
  });

  it.each([
    ['getAlert', `/api/alerts/${ALERT}`],
    ['getAlertFiles', `/api/alerts/${ALERT}/files`],
    ['getAlertMachine', `/api/alerts/${ALERT}/machine`],
  ] as const)('when %s gets 404, then it resolves null', async (method, path) => {
    const { client, http } = setup([get(path, notFound)]);
    await expect(client[method](ALERT)).resolves.toBeNull();
    http.assertDone();
  });

  it("when an alert's files are read, then each File keeps its md5 and nulls", async () => {
    const f = { sha1: SHA1, sha256: SHA256, md5: '8d5b7cc9a832e21d22503057e1fec8e9', fileType: null, determinationType: 'Unknown', determinationValue: null };
    const { client } = setup([get(`/api/alerts/${ALERT}/files`, { status: 200, body: { '@odata.context': 'x#Files', value: [f] } })]);
    expect(await client.getAlertFiles(ALERT)).toEqual([f]);
  });

  it.each([
    ['a slash', 'da1/../machines'],
    ['a space inside', 'da1 2'],
    ['a quote', "da1'"],
    ['nothing', '  '],
  ])('when the alert id contains %s, then it is refused without calling MDE', async (_label, id) => {
    const { client, http } = setup([]);
    expect(await failure(client.getAlertMachine(id))).toMatchObject({ kind: 'bad-request', operation: 'alerts.machine', permissions: ['Machine.Read.All'] });
    expect(http.calls).toHaveLength(0);
  });

  it('when the alert id has an unfamiliar but harmless shape, then MDE is asked and its 404 decides', async () => {
    const { client, http } = setup([get('/api/alerts/ED-7f3c_2', notFound)]);
    await expect(client.getAlert('ED-7f3c_2')).resolves.toBeNull();
    http.assertDone();
  });
});

describe('machine endpoint', () => {
  const MACHINE = '1e5bc9d7e413ddd7902c2932e418702b84d0cc07';

  it('when a device is found by its id (any case), then the Machine is parsed and the id sent lower-case', async () => {
    const machine = { '@odata.context': 'x#Machines/$entity', id: MACHINE, computerDnsName: 'ws-07.contoso.com', rbacGroupId: 140, osBuild: null, healthStatus: 'Active' };
    const { client, http } = setup([get(`/api/machines/${MACHINE}`, { status: 200, body: machine })]);
    await expect(client.getMachine(` ${MACHINE.toUpperCase()} `)).resolves.toMatchObject({ id: MACHINE, computerDnsName: 'ws-07.contoso.com' });
    http.assertDone();
  });

  it('when MDE answers 404, then null', async () => {
    const { client, http } = setup([get(`/api/machines/${MACHINE}`, notFound)]);
    await expect(client.getMachine(MACHINE)).resolves.toBeNull();
    http.assertDone();
  });

  it('when MDE answers with another device (as a computer-name match would), then null', async () => {
    const { client } = setup([get(`/api/machines/${MACHINE}`, { status: 200, body: { id: 'f'.repeat(40), computerDnsName: MACHINE } })]);
    await expect(client.getMachine(MACHINE)).resolves.toBeNull();
  });

  it.each([
    ['a computer name', 'ws-07.contoso.com'],
    ['41 hex', `${MACHINE}0`],
    ['a path', `${MACHINE.slice(0, 37)}/..`],
    ['nothing', ''],
  ])('when the id is %s, then it is refused without calling MDE', async (_label, id) => {
    const { client, http } = setup([]);
    expect(await failure(client.getMachine(id))).toMatchObject({ kind: 'bad-request', code: 'InvalidInput', operation: 'machines.get', permissions: ['Machine.Read.All'] });
    expect(http.calls).toHaveLength(0);
  });
});
