import { createIndicatorsApi, type IndicatorsApi } from '../../src/mde/indicators-api';
import { createMdeRateLimiter, type MdeRateLimiter } from '../../src/mde/rate-limiter';
import { createMdeRequest } from '../../src/mde/request';
import { createMsalTokenProvider } from '../../src/mde/token-provider';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../src/sandbox';

/** The real bulk indicator client (msal-node, fetch, the shared limiter) against the sandbox. */
jest.setTimeout(60_000);

function apiFor(sb: Sandbox, limiter: MdeRateLimiter = createMdeRateLimiter()): IndicatorsApi {
  const tokenProvider = createMsalTokenProvider({ ...sb.credentials, authorityHost: sb.authorityHost, scope: 'https://api.securitycenter.microsoft.com/.default', caCertPem: sb.caCertPem });
  return createIndicatorsApi(createMdeRequest({ baseUrl: sb.apiBaseUrl, tokenProvider, limiter, random: () => 0 }), sb.credentials.clientId);
}

async function withSandbox(options: SandboxOptions, run: (sb: Sandbox) => Promise<void>) {
  const sb = await startSandbox(options);
  try {
    await run(sb);
  } finally {
    await sb.stop();
  }
}

const domain = (d: string, action = 'Block') => ({ indicatorValue: d, indicatorType: 'DomainName', action, title: 'Advisory', description: 'Approved in Teams', severity: 'High' });

describe('bulk indicators through the real MDE client', () => {
  it('when three indicators are imported and one is an invalid URL, then each has its own result and the list reads back the two', async () => {
    await withSandbox({}, async (sb) => {
      const api = apiFor(sb);
      const results = await api.import([domain('one.evil.top'), { ...domain('x'), indicatorType: 'Url', indicatorValue: 'http://bad url' }, domain('two.evil.top', 'Warn')]);
      expect(results.map((r) => [r.indicator, r.isFailed])).toEqual([
        ['one.evil.top', false],
        ['http://bad url', true],
        ['two.evil.top', false],
      ]);
      expect(results[1]?.failureReason).toMatch(/^InvalidUrl/);
      const listed = await api.listAll();
      expect(listed.filter((i) => i.indicatorType === 'DomainName').map((i) => [i.indicatorValue, i.createdBy])).toEqual([
        ['one.evil.top', sb.credentials.clientId],
        ['two.evil.top', sb.credentials.clientId],
      ]);
    });
  });

  it('when 501 items are imported or 501 ids batch-deleted, then both are refused before anything is sent', async () => {
    await withSandbox({}, async (sb) => {
      const api = apiFor(sb);
      const before = sb.stats().apiCalls;
      await expect(api.import(Array.from({ length: 501 }, (_, i) => domain(`d${i}.evil.top`)))).rejects.toMatchObject({ kind: 'bad-request', code: 'MaximumBatchSizeExceeded' });
      await expect(api.batchDelete(Array.from({ length: 501 }, (_, i) => String(i)))).rejects.toMatchObject({ kind: 'bad-request', code: 'MaximumBatchSizeExceeded' });
      await expect(api.delete('../../machines')).rejects.toMatchObject({ kind: 'bad-request', code: 'InvalidInput' });
      expect(sb.stats().apiCalls).toBe(before);
    });
  });

  it('when indicators are batch-deleted or deleted one by one, then they are gone; a second delete says it was not there', async () => {
    await withSandbox({}, async (sb) => {
      const api = apiFor(sb);
      const made = await api.import([domain('a.evil.top'), domain('b.evil.top'), domain('c.evil.top')]);
      const [a, b, c] = made.map((r) => r.id ?? '');
      await api.batchDelete([a ?? '', b ?? '']);
      expect(await api.delete(c ?? '')).toBe(true);
      expect(await api.delete(c ?? '')).toBe(false);
      expect((await api.listAll()).map((i) => i.indicatorValue)).toEqual([expect.any(String)]);
      expect(sb.stats().byFamily['indicators-batch-delete']).toBe(1);
    });
  });

  it('when the crowded tenant holds 12,000 indicators, then listAll pages through them in two reads of 10,000', async () => {
    await withSandbox({ containment: { syntheticIndicators: 12_000 } }, async (sb) => {
      const all = await apiFor(sb).listAll();
      expect(all).toHaveLength(12_001);
      expect(new Set(all.map((i) => i.id)).size).toBe(12_001);
      expect(sb.stats().byFamily.indicators).toBe(2);
    });
  });

  it('when 35 imports go out under 30 per scaled minute, then the shared limiter paces them and MDE answers none with 429', async () => {
    const shared = { timeScale: 0.01 }; // a "minute" is 600 ms
    await withSandbox(shared, async (sb) => {
      const limiter = createMdeRateLimiter(shared);
      const api = apiFor(sb, limiter);
      const results = await Promise.all(Array.from({ length: 35 }, (_, i) => api.import([domain(`p${i}.evil.top`)])));
      expect(results.every((r) => r[0]?.isFailed === false)).toBe(true);
      expect(sb.stats().throttled).toBe(0);
      expect(sb.stats().byFamily['indicators-import']).toBe(35);
      expect(limiter.stats()['indicators-import']).toMatchObject({ calls: 35, throttled: 0 });
    });
  });
});
