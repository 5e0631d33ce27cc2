import { startSandbox, type Sandbox } from '../../src/sandbox';
import { DEMO_PUA_BLOCK_INDICATOR } from '../../src/sandbox/demo-indicators';
import { DEMO_MACHINES } from '../../src/sandbox/demo-machines';
import { DEMO_FILES } from '../../src/sandbox/demo-tenant';
import { call, tokenFor, type Reply } from './sandbox-http';

/** The sandbox's indicator and machine-action APIs over raw HTTP: MDE's shapes, codes and rules. */
jest.setTimeout(30_000);

const body = (over: Record<string, unknown> = {}) => ({
  indicatorValue: DEMO_FILES.unknown.sha256,
  indicatorType: 'FileSha256',
  action: 'Block',
  title: 'Block the rare binary',
  description: 'Approved in Teams',
  severity: 'Medium',
  generateAlert: false,
  ...over,
});

async function del(sb: Sandbox, token: string, path: string): Promise<number> {
  const res = await fetch(`${sb.apiBaseUrl}${path}`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } });
  await res.arrayBuffer();
  return res.status;
}

const errorOf = (r: Reply) => [r.status, r.json.error?.code];

describe('sandbox indicators API', () => {
  let sb: Sandbox;
  let token: string;
  beforeAll(async () => {
    sb = await startSandbox();
    token = await tokenFor(sb);
  });
  afterAll(() => sb.stop());

  it('when an indicator is posted, then 200 with an id, source, the app as createdBy and a creation time', async () => {
    const r = await call(sb, token, '/api/indicators', body({ rbacGroupNames: ['Servers'] }));
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ indicatorValue: DEMO_FILES.unknown.sha256, action: 'Block', source: 'Verdict', sourceType: 'AadApp', createdBy: sb.credentials.clientId, rbacGroupNames: ['Servers'] });
    expect(r.json.id).toEqual(expect.any(String));
    expect(Date.parse(String(r.json.creationTimeDateTimeUtc))).not.toBeNaN();
  });

  it.each([
    ['no title', 'MissingRequiredParameter', body({ title: undefined })],
    ['no description', 'MissingRequiredParameter', body({ description: '' })],
    ['a miscased name', 'MissingRequiredParameter', { ...body({ indicatorValue: undefined }), IndicatorValue: DEMO_FILES.unknown.sha256 }],
    ['a bad hash', 'InvalidHashValue', body({ indicatorValue: 'abc123' })],
    ['the deprecated AlertAndBlock', 'InvalidRequestBody', body({ action: 'AlertAndBlock' })],
    ['an unknown action', 'InvalidRequestBody', body({ action: 'Quarantine' })],
    ['Audit without generateAlert', 'InvalidRequestBody', body({ action: 'Audit' })],
  ])('when the body has %s, then 400 %s', async (_what, code, sent) => {
    expect(errorOf(await call(sb, token, '/api/indicators', sent))).toEqual([400, code]);
  });

  it('when the list is filtered and paged, then $filter, $top and $skip apply; an unknown property is an ODataError', async () => {
    const byValue = await call(sb, token, `/api/indicators?$filter=${encodeURIComponent(`indicatorValue eq '${DEMO_FILES.pua.sha256}' and action eq 'Block'`)}`);
    expect(byValue.json.value?.map((i) => i.id)).toEqual([DEMO_PUA_BLOCK_INDICATOR.id]);
    expect(byValue.json.value?.[0]).toMatchObject({ createdBySource: 'Portal' });
    const all = await call(sb, token, '/api/indicators');
    const page = await call(sb, token, '/api/indicators?$top=1&$skip=1');
    expect(page.json.value?.map((i) => i.id)).toEqual([all.json.value?.[1]?.id]);
    expect(errorOf(await call(sb, token, `/api/indicators?$filter=${encodeURIComponent("colour eq 'red'")}`))).toEqual([400, 'ODataError']);
    expect(errorOf(await call(sb, token, '/api/indicators?$top=10001'))).toEqual([400, 'ODataError']);
  });

  it('when an indicator is deleted, then 204, and 404 the second time', async () => {
    const made = await call(sb, token, '/api/indicators', body({ indicatorValue: DEMO_FILES.clean.sha1, indicatorType: 'FileSha1', action: 'Allowed' }));
    expect(await del(sb, token, `/api/indicators/${String(made.json.id)}`)).toBe(204);
    expect(await del(sb, token, `/api/indicators/${String(made.json.id)}`)).toBe(404);
  });

  it('when indicators are imported, then one result per item; more than 500 is MaximumBatchSizeExceeded', async () => {
    const r = await call(sb, token, '/api/indicators/import', { Indicators: [body({ indicatorValue: DEMO_FILES.clean.sha256 }), body({ indicatorValue: 'zz' })] });
    expect(r.status).toBe(200);
    expect(r.json.value?.map((v) => [v.indicator, v.isFailed])).toEqual([[DEMO_FILES.clean.sha256, false], ['zz', true]]);
    const tooMany = Array.from({ length: 501 }, () => body());
    expect(errorOf(await call(sb, token, '/api/indicators/import', { Indicators: tooMany }))).toEqual([400, 'MaximumBatchSizeExceeded']);
  });
});

describe('sandbox indicator cap and limits', () => {
  it('when the tenant holds 15,000 active indicators, then a new one is refused 400 but an update still works', async () => {
    const sb = await startSandbox({ containment: { seedIndicators: 14_998 } });
    try {
      const token = await tokenFor(sb);
      expect((await call(sb, token, '/api/indicators', body())).status).toBe(200);
      const refused = await call(sb, token, '/api/indicators', body({ indicatorValue: DEMO_FILES.clean.sha256 }));
      expect(errorOf(refused)).toEqual([400, 'BadRequest']);
      expect(refused.json.error?.message).toContain('15000');
      expect((await call(sb, token, '/api/indicators', body({ action: 'Allowed' }))).status).toBe(200);
    } finally {
      await sb.stop();
    }
  });

  it('when the indicators family is over its limit, then 429 with Retry-After, and import counts separately', async () => {
    const sb = await startSandbox({ familyLimits: { indicators: { perMinute: 1 }, 'indicators-import': { perMinute: 1 } } });
    try {
      const token = await tokenFor(sb);
      expect((await call(sb, token, '/api/indicators')).status).toBe(200);
      const throttled = await call(sb, token, '/api/indicators');
      expect(errorOf(throttled)).toEqual([429, 'TooManyRequests']);
      expect(throttled.headers.get('retry-after')).toMatch(/^\d+$/);
      expect((await call(sb, token, '/api/indicators/import', { Indicators: [] })).status).toBe(200);
    } finally {
      await sb.stop();
    }
  });
});

describe('sandbox machine actions API', () => {
  let sb: Sandbox;
  let token: string;
  beforeAll(async () => {
    sb = await startSandbox({ containment: { actionPendingMs: 60_000 } });
    token = await tokenFor(sb);
  });
  afterAll(() => sb.stop());
  const ws = DEMO_MACHINES.workstation.id;

  it('when isolate has no Comment (or a miscased one), then 400 MissingRequiredParameter; a bad IsolationType is InvalidRequestBody', async () => {
    expect(errorOf(await call(sb, token, `/api/machines/${ws}/isolate`, { comment: 'x' }))).toEqual([400, 'MissingRequiredParameter']);
    expect(errorOf(await call(sb, token, `/api/machines/${ws}/isolate`, { Comment: 'x', IsolationType: 'Partial' }))).toEqual([400, 'InvalidRequestBody']);
  });

  it('when a device is isolated twice, then 201 Pending, then 400 ActiveRequestAlreadyExists "Action is already in progress"', async () => {
    const first = await call(sb, token, `/api/machines/${ws}/isolate`, { Comment: 'Verdict r1', IsolationType: 'Selective' });
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({ type: 'Isolate', status: 'Pending', scope: 'Selective', machineId: ws, computerDnsName: DEMO_MACHINES.workstation.computerDnsName, requestor: sb.credentials.clientId });
    const second = await call(sb, token, `/api/machines/${ws}/isolate`, { Comment: 'again', IsolationType: 'Full' });
    expect(second.status).toBe(400);
    expect(second.json.error).toMatchObject({ code: 'ActiveRequestAlreadyExists', message: 'Action is already in progress', target: expect.any(String) });
    expect(errorOf(await call(sb, token, `/api/machines/${ws}/unisolate`, { Comment: 'release' }))).toEqual([400, 'ActiveRequestAlreadyExists']);

    const listed = await call(sb, token, `/api/machineactions?$filter=${encodeURIComponent(`machineId eq '${ws}' and status eq 'Pending'`)}`);
    expect(listed.json.value?.map((a) => a.id)).toEqual([first.json.id]);
    expect(listed.json.value?.[0]).toHaveProperty('lastUpdateTimeUtc');
    const one = await call(sb, token, `/api/machineactions/${String(first.json.id)}`);
    expect(one.json).toHaveProperty('lastUpdateDateTimeUtc');
    const later = await call(sb, token, `/api/machineactions?$filter=${encodeURIComponent(`creationDateTimeUtc gt ${new Date(Date.now() + 60_000).toISOString()}`)}`);
    expect(later.json.value).toEqual([]);
  });

  it('when the device or the action is unknown, then 404 ResourceNotFound "Machine … was not found" and 404 NotFound', async () => {
    const r = await call(sb, token, `/api/machines/${'0'.repeat(40)}/isolate`, { Comment: 'x', IsolationType: 'Full' });
    expect(errorOf(r)).toEqual([404, 'ResourceNotFound']);
    expect(r.json.error?.message).toBe(`Machine ${'0'.repeat(40)} was not found`);
    expect(errorOf(await call(sb, token, '/api/machineactions/00000000-0000-4000-8000-000000000000'))).toEqual([404, 'NotFound']);
  });

  it('when the app lacks Machine.Read.All, then listing actions is 403 naming it', async () => {
    const other = await startSandbox({ appRoles: ['Machine.Isolate'] });
    try {
      const r = await call(other, await tokenFor(other), '/api/machineactions');
      expect(errorOf(r)).toEqual([403, 'Forbidden']);
      expect(r.json.error?.message).toContain('Machine.Read.All');
    } finally {
      await other.stop();
    }
  });
});
