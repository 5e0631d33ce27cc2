import { startSandbox, type Sandbox } from '../../src/sandbox';
import { DEMO_TENANT_ID } from '../../src/sandbox/demo-tenant';
import { DEMO_FILES } from '../../src/sandbox/demo-tenant';
import { call, tokenFor, type Reply } from './sandbox-http';

/** The sandbox's bulk indicator APIs over raw HTTP: import with network types, BatchDelete, the crowded tenant. */
jest.setTimeout(30_000);

const item = (indicatorType: string, indicatorValue: string, action = 'Block', over: Record<string, unknown> = {}) => ({
  indicatorValue,
  indicatorType,
  action,
  title: 'From the TA-2026-12 advisory',
  description: 'Approved in Teams',
  severity: 'High',
  ...over,
});
const errorOf = (r: Reply) => [r.status, r.json.error?.code];
const results = (r: Reply) => r.json.value?.map((v) => [v.indicator, v.isFailed, typeof v.failureReason === 'string' ? v.failureReason.split(':')[0] : null]);
const ids = (r: Reply) => (r.json.value ?? []).map((v) => String(v.id));

describe('sandbox indicator import with network types', () => {
  let sb: Sandbox;
  let token: string;
  beforeAll(async () => {
    sb = await startSandbox();
    token = await tokenFor(sb);
  });
  afterAll(() => sb.stop());

  it('when network indicators are imported, then valid ones get ids and each invalid one fails alone with its code', async () => {
    const r = await call(sb, token, '/api/indicators/import', {
      Indicators: [
        item('Url', 'http://evil.example-bad.top/a.exe'),
        item('Url', 'http://exa mple/a'),
        item('IpAddress', '45.13.227.12'),
        item('IpAddress', '45.13.227.0/24'),
        item('DomainName', 'evil-c2.top', 'Warn'),
        item('DomainName', 'not a domain'),
        item('DomainName', 'bad-remediate.top', 'BlockAndRemediate'),
        item('FileSha256', DEMO_FILES.unknown.sha256, 'BlockAndRemediate'),
        item('IpAddress', '2a03:2880::1', 'Audit', { generateAlert: true }),
      ],
    });
    expect(r.status).toBe(200);
    expect(results(r)).toEqual([
      ['http://evil.example-bad.top/a.exe', false, null],
      ['http://exa mple/a', true, 'InvalidUrl'],
      ['45.13.227.12', false, null],
      ['45.13.227.0/24', true, 'InvalidIpAddress'],
      ['evil-c2.top', false, null],
      ['not a domain', true, 'InvalidDomainName'],
      ['bad-remediate.top', true, 'InvalidRequestBody'],
      [DEMO_FILES.unknown.sha256, false, null],
      ['2a03:2880::1', false, null],
    ]);
    expect(r.json.value?.[6]?.failureReason).toMatch(/BlockAndRemediate.*not supported/);
  });

  it('when a network indicator asks for BlockAndRemediate through the single POST, then 400', async () => {
    expect(errorOf(await call(sb, token, '/api/indicators', item('Url', 'https://x.evil.top/', 'BlockAndRemediate')))).toEqual([400, 'InvalidRequestBody']);
  });

  it('when indicators are batch-deleted, then 204 and they are gone; unknown ids are skipped; empty or 501 ids are 400', async () => {
    const made = await call(sb, token, '/api/indicators/import', { Indicators: [item('DomainName', 'gone-1.top'), item('DomainName', 'gone-2.top')] });
    const res = await fetch(`${sb.apiBaseUrl}/api/indicators/BatchDelete`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ IndicatorIds: [...ids(made), 'no-such-id', 'constructor'] }),
    });
    expect(res.status).toBe(204);
    const left = await call(sb, token, `/api/indicators?$filter=${encodeURIComponent("indicatorType eq 'DomainName'")}`);
    expect(left.json.value?.map((i) => i.indicatorValue)).not.toEqual(expect.arrayContaining(['gone-1.top']));
    expect(left.json.value?.map((i) => i.indicatorValue)).not.toEqual(expect.arrayContaining(['gone-2.top']));
    expect(errorOf(await call(sb, token, '/api/indicators/BatchDelete', { IndicatorIds: [] }))).toEqual([400, 'InvalidRequestBody']);
    expect(errorOf(await call(sb, token, '/api/indicators/BatchDelete', { IndicatorIds: Array.from({ length: 501 }, (_, i) => String(i)) }))).toEqual([400, 'MaximumBatchSizeExceeded']);
  });
});

describe('sandbox bulk indicator limits', () => {
  it('when an import would pass 15,000 active indicators, then the items past the cap fail and the rest are created', async () => {
    const sb = await startSandbox({ containment: { seedIndicators: 14_997 } });
    try {
      const token = await tokenFor(sb);
      const r = await call(sb, token, '/api/indicators/import', { Indicators: ['a.evil.top', 'b.evil.top', 'c.evil.top', 'd.evil.top'].map((d) => item('DomainName', d)) });
      expect(r.json.value?.map((v) => v.isFailed)).toEqual([false, false, true, true]);
      expect(r.json.value?.[2]?.failureReason).toContain('15000');
    } finally {
      await sb.stop();
    }
  });

  it('when BatchDelete is over its own 30/min budget, then 429, while import still answers; Ti.ReadWrite alone may not batch-delete', async () => {
    const sb = await startSandbox({ familyLimits: { 'indicators-batch-delete': { perMinute: 1 } } });
    const weak = await startSandbox({ appRoles: ['Ti.ReadWrite'] });
    try {
      const token = await tokenFor(sb);
      expect((await fetch(`${sb.apiBaseUrl}/api/indicators/BatchDelete`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{"IndicatorIds":["1"]}' })).status).toBe(204);
      expect(errorOf(await call(sb, token, '/api/indicators/BatchDelete', { IndicatorIds: ['2'] }))).toEqual([429, 'TooManyRequests']);
      expect((await call(sb, token, '/api/indicators/import', { Indicators: [] })).status).toBe(200);
      expect(sb.stats().byFamily['indicators-batch-delete']).toBe(2);
      expect(errorOf(await call(weak, await tokenFor(weak), '/api/indicators/BatchDelete', { IndicatorIds: ['1'] }))).toEqual([403, 'Forbidden']);
    } finally {
      await Promise.all([sb.stop(), weak.stop()]);
    }
  });
});

describe('the opt-in crowded tenant', () => {
  it('when the sandbox starts with 2,000 synthetic indicators, then they are listed with every type, a fifth on files Defender calls malware', async () => {
    const sb = await startSandbox({ containment: { syntheticIndicators: 2_000 } });
    try {
      const token = await tokenFor(sb);
      const all = (await call(sb, token, '/api/indicators?$top=10000')).json.value ?? [];
      expect(all).toHaveLength(2_001);
      const types = new Set(all.map((i) => i.indicatorType));
      expect([...types].sort()).toEqual(['DomainName', 'FileMd5', 'FileSha1', 'FileSha256', 'IpAddress', 'Url']);
      const malwareHashes = all.filter((i) => /^(bad0|0bad)/.test(String(i.indicatorValue)));
      expect(malwareHashes).toHaveLength(500);
      const file = await call(sb, token, `/api/files/${String(malwareHashes[0]?.indicatorValue)}`);
      expect(file.json.determinationType).toBe('Malware');
      expect(all.filter((i) => i.createdBy === sb.credentials.clientId).length).toBeGreaterThan(600);
      expect(sb.credentials.tenantId).toBe(DEMO_TENANT_ID);
    } finally {
      await sb.stop();
    }
  });

  it('when no option is given, then the demo tenant has only its one indicator', async () => {
    const sb = await startSandbox();
    try {
      expect((await call(sb, await tokenFor(sb), '/api/indicators')).json.value).toHaveLength(1);
    } finally {
      await sb.stop();
    }
  });
});
