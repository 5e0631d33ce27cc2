import { createIndicatorsApi, type IndicatorsApi } from '../../src/mde/indicators-api';
import { createMdeRateLimiter } from '../../src/mde/rate-limiter';
import { createMdeRequest } from '../../src/mde/request';
import { createMsalTokenProvider } from '../../src/mde/token-provider';
import { runExtend } from '../../src/response-actions/extend-indicators/extend-run';
import { planExtend } from '../../src/response-actions/extend-indicators/plan';
import { runRemove } from '../../src/response-actions/remove-indicators/remove-run';
import { startSandbox, type Sandbox } from '../../src/sandbox';
import { DEMO_PUA_BLOCK_INDICATOR } from '../../src/sandbox/demo-indicators';

/** Removing indicators (BatchDelete) and extending their expiry (re-submitted through import), by the real client against the sandbox. */
jest.setTimeout(60_000);

function apiFor(sb: Sandbox): IndicatorsApi {
  const tokenProvider = createMsalTokenProvider({ ...sb.credentials, authorityHost: sb.authorityHost, scope: 'https://api.securitycenter.microsoft.com/.default', caCertPem: sb.caCertPem });
  return createIndicatorsApi(createMdeRequest({ baseUrl: sb.apiBaseUrl, tokenProvider, limiter: createMdeRateLimiter(), random: () => 0, maxRetries: 0 }), sb.credentials.clientId);
}
const DAY = 86_400_000;
const domain = (d: string, expirationTime?: string) => ({ indicatorValue: d, indicatorType: 'DomainName', action: 'Block', title: 'Feed', description: 'x', severity: 'Low', ...(expirationTime ? { expirationTime } : {}) });

let sb: Sandbox;
let api: IndicatorsApi;
beforeEach(async () => {
  sb = await startSandbox();
  api = apiFor(sb);
});
afterEach(() => sb.stop());

describe('removing indicators', () => {
  it('when a set is removed, then one BatchDelete call, each id read back as removed or already gone; a retry sends nothing', async () => {
    const made = await api.import([domain('a.evil.top'), domain('b.evil.top')]);
    const ids = made.map((r) => r.id ?? '');
    const run = await runRemove(api, [...ids, 'gone-before']);
    expect(run.outcomes.map((o) => o.status)).toEqual(['removed', 'removed', 'already-gone']);
    expect(run.deleteCalls).toBe(1);
    const retry = await runRemove(api, ids);
    expect(retry.outcomes.map((o) => o.status)).toEqual(['already-gone', 'already-gone']);
    expect(retry.deleteCalls).toBe(0);
    expect(sb.stats().byFamily['indicators-batch-delete']).toBe(1);
  });

  it('when the BatchDelete answer is lost but MDE deleted them, then the read-back says removed', async () => {
    const made = await api.import([domain('c.evil.top')]);
    sb.faults.inject({ family: 'indicators-batch-delete', type: 'malformed' });
    const run = await runRemove(api, [made[0]?.id ?? '']);
    expect(run.outcomes).toEqual([{ id: made[0]?.id, status: 'removed' }]);
  });

  it('when BatchDelete is refused, then each id is failed with the reason, and still listed', async () => {
    const made = await api.import([domain('d.evil.top')]);
    sb.faults.inject({ family: 'indicators-batch-delete', type: 'status', status: 403, code: 'Forbidden' });
    const run = await runRemove(api, [made[0]?.id ?? '']);
    expect(run.outcomes[0]).toMatchObject({ status: 'failed', reason: expect.stringContaining('Forbidden') });
  });
});

describe('extending expiry', () => {
  it('when two indicators are extended by 30 days, then one import updates both in place (same ids), and a retry sends nothing; a never-expiring one is left out', async () => {
    const now = Date.now();
    await api.import([domain('e.evil.top', new Date(now + DAY).toISOString()), domain('f.evil.top', new Date(now + 2 * DAY).toISOString())]);
    const chosen = (await api.listAll()).filter((i) => i.indicatorValue.endsWith('.evil.top') || i.id === DEMO_PUA_BLOCK_INDICATOR.id);
    const plan = planExtend(chosen, 30, now);
    if (!plan.ok) throw new Error(plan.reason);
    expect(plan.neverExpires).toEqual([DEMO_PUA_BLOCK_INDICATOR.id]);
    const run = await runExtend(api, plan.items);
    expect(run.importCalls).toBe(1);
    expect(run.outcomes.map((o) => o.status)).toEqual(['extended', 'extended']);
    const after = await api.listAll();
    expect(after).toHaveLength(3);
    const e = after.find((i) => i.indicatorValue === 'e.evil.top');
    expect(Date.parse(e?.expirationTime ?? '')).toBe(now + 31 * DAY);
    expect(e?.id).toBe(chosen.find((i) => i.indicatorValue === 'e.evil.top')?.id);
    const retry = await runExtend(api, plan.items);
    expect(retry.importCalls).toBe(0);
    expect(retry.outcomes.map((o) => o.status)).toEqual(['already-extended', 'already-extended']);
  });
});
