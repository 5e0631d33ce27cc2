import { isMdeError, type MdeError } from '../../src/mde/errors';
import { countActiveIndicators, listIndicators, listIndicatorsByValue, submitIndicator } from '../../src/mde/indicators';
import { mdeIndicatorSchema } from '../../src/mde/indicator';
import { createMdeRequest } from '../../src/mde/request';
import type { IndicatorSubmission } from '../../src/mde/containment-ports';
import { scriptedFetch, type ExpectedCall } from '../support/scripted-fetch';

const BASE = 'https://mde.test';
const SHA256 = '4c3ba8a2d5b3f5b2e1a0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8';
const SHA1 = '9d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e';
const list = (value: unknown[]) => ({ status: 200, body: { '@odata.context': 'x#Indicators', value } });

function setup(expected: ExpectedCall[]) {
  const http = scriptedFetch(expected);
  const request = createMdeRequest({ baseUrl: BASE, tokenProvider: { getToken: async () => 'tok' }, fetch: http.fetch, sleep: async () => undefined, random: () => 0 });
  return { request, http };
}

async function failure(p: Promise<unknown>): Promise<MdeError> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  if (!isMdeError(err)) throw new Error(`expected an MdeError, got ${String(err)}`);
  return err;
}

const submission: IndicatorSubmission = {
  indicatorValue: SHA256.toUpperCase(),
  indicatorType: 'FileSha256',
  action: 'Block',
  title: 'Verdict: block FusionCore',
  description: 'Approved by Megan',
  expirationTime: '2026-12-01T00:00:00.000Z',
  severity: 'High',
  generateAlert: true,
  rbacGroupNames: ['Finance workstations', 'Servers'],
  recommendedActions: 'Reimage',
};

describe('indicator queries', () => {
  it('when indicators are listed by value, then the hex value is lower-cased into an eq $filter', async () => {
    const filter = encodeURIComponent(`indicatorValue eq '${SHA256}' and indicatorType eq 'FileSha256'`);
    const { request, http } = setup([{ method: 'GET', url: `${BASE}/api/indicators?$filter=${filter}&$top=50&$skip=100`, reply: list([]) }]);
    await listIndicators(request, { indicatorValue: SHA256.toUpperCase(), indicatorType: 'FileSha256', top: 50, skip: 100 });
    http.assertDone();
  });

  it.each([[`${SHA1}' or indicatorType eq 'Url`], ['not-a-hash'], [`${SHA1}0`], ['']])('when the value is %j, then it is refused as InvalidHashValue without calling MDE', async (value) => {
    const { request, http } = setup([]);
    const err = await failure(listIndicatorsByValue(request, value));
    expect(err).toMatchObject({ kind: 'bad-request', code: 'InvalidHashValue', operation: 'indicators.list', permissions: ['Ti.ReadWrite.All'] });
    expect(http.calls).toHaveLength(0);
  });

  it('when $top is out of range, then it is refused before any call', async () => {
    const { request, http } = setup([]);
    expect((await failure(listIndicators(request, { top: 10_001 }))).code).toBe('InvalidInput');
    expect(http.calls).toHaveLength(0);
  });

  it('when active indicators are counted, then pages of 10,000 are read until a short one and expired ones are left out', async () => {
    const active = { id: '1', indicatorValue: SHA1, expirationTime: null };
    const expired = { id: '2', indicatorValue: SHA1, expirationTime: '2020-01-01T00:00:00Z' };
    const future = { id: '3', indicatorValue: SHA1, expirationTime: '2999-01-01T00:00:00Z' };
    const { request, http } = setup([
      { method: 'GET', url: `${BASE}/api/indicators?$top=10000`, reply: list(Array.from({ length: 10_000 }, (_, i) => (i % 2 ? active : expired))) },
      { method: 'GET', url: `${BASE}/api/indicators?$top=10000&$skip=10000`, reply: list([future, expired]) },
    ]);
    expect(await countActiveIndicators(request)).toBe(5_001);
    http.assertDone();
  });
});

describe('indicator submission', () => {
  it("when an indicator is submitted, then MDE's exact field names go out, rbacGroupNames as an array", async () => {
    const { request, http } = setup([
      {
        method: 'POST',
        url: `${BASE}/api/indicators`,
        body: { indicatorValue: SHA256, indicatorType: 'FileSha256', action: 'Block', title: submission.title, description: submission.description, expirationTime: submission.expirationTime, severity: 'High', generateAlert: true, rbacGroupNames: ['Finance workstations', 'Servers'], recommendedActions: 'Reimage' },
        reply: { status: 200, body: { id: 995, indicatorValue: SHA256, action: 'Block', source: 'Verdict', createdBy: 'app-id' } },
      },
    ]);
    expect(await submitIndicator(request, submission)).toMatchObject({ id: '995', createdBySource: 'Verdict', createdBy: 'app-id' });
    http.assertDone();
  });

  it('when MDE fails the submission with a 503, then it is not retried (a write is not idempotent)', async () => {
    const { request, http } = setup([{ method: 'POST', url: `${BASE}/api/indicators`, reply: { status: 503 } }]);
    expect((await failure(submitIndicator(request, submission))).kind).toBe('server');
    http.assertDone();
  });

  it('when MDE throttles the submission, then it is retried (a 429 is refused before MDE acts)', async () => {
    const ok = { status: 200, body: { id: '7', indicatorValue: SHA256 } };
    const { request, http } = setup([
      { method: 'POST', url: `${BASE}/api/indicators`, reply: { status: 429, headers: { 'retry-after': '1' } } },
      { method: 'POST', url: `${BASE}/api/indicators`, reply: ok },
    ]);
    expect((await submitIndicator(request, submission)).id).toBe('7');
    http.assertDone();
  });

  it('when the value does not fit its type, then it is refused without calling MDE', async () => {
    const { request, http } = setup([]);
    expect((await failure(submitIndicator(request, { ...submission, indicatorType: 'FileSha1' }))).code).toBe('InvalidHashValue');
    expect(http.calls).toHaveLength(0);
  });
});

describe('indicator parsing', () => {
  it('when the creator comes as createdBySource or as source, then both read as createdBySource', () => {
    expect(mdeIndicatorSchema.parse({ id: '1', indicatorValue: SHA1, createdBySource: 'Portal' }).createdBySource).toBe('Portal');
    expect(mdeIndicatorSchema.parse({ id: '1', indicatorValue: SHA1, source: 'TestApp' }).createdBySource).toBe('TestApp');
  });

  it('when rbacGroupNames is a comma-separated string, then it still parses', () => {
    expect(mdeIndicatorSchema.safeParse({ id: '1', indicatorValue: SHA1, rbacGroupNames: 'a,b' }).success).toBe(true);
  });
});
