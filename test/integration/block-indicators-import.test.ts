import { createIndicatorsApi, type IndicatorsApi } from '../../src/mde/indicators-api';
import { createMdeRateLimiter } from '../../src/mde/rate-limiter';
import { createMdeRequest } from '../../src/mde/request';
import { createMsalTokenProvider } from '../../src/mde/token-provider';
import { runImport } from '../../src/response-actions/block-indicators/import-run';
import { planBlock, type BlockChoices } from '../../src/response-actions/block-indicators/plan';
import { startSandbox, type Sandbox } from '../../src/sandbox';

/** A planned bulk block carried out by the real client against the sandbox: batches, per-item results, restarts and lost answers. */
jest.setTimeout(60_000);

const TIME_SCALE = 0.01; // a "minute" is 600 ms, for the sandbox and the client's limiter alike
const CHOICES: BlockChoices = { fileAction: 'Block', networkAction: 'Block', severity: 'High', expiresInDays: 30, title: 'TA-2026-12', description: 'Advisory', rbacGroupNames: [] };

function apiFor(sb: Sandbox, timeoutMs = 5_000): IndicatorsApi {
  const tokenProvider = createMsalTokenProvider({ ...sb.credentials, authorityHost: sb.authorityHost, scope: 'https://api.securitycenter.microsoft.com/.default', caCertPem: sb.caCertPem });
  const limiter = createMdeRateLimiter({ timeScale: TIME_SCALE });
  return createIndicatorsApi(createMdeRequest({ baseUrl: sb.apiBaseUrl, tokenProvider, limiter, random: () => 0, timeoutMs, maxRetries: 0 }), sb.credentials.clientId);
}

const plan = (n: number, extra: { type: 'Url' | 'DomainName'; value: string }[] = []) => {
  const p = planBlock([...Array.from({ length: n }, (_, i) => ({ type: 'DomainName' as const, value: `d${i}.evil.top` })), ...extra], CHOICES, { used: 1 }, Date.now());
  if (!p.ok) throw new Error(p.reason);
  return p.items;
};
const statuses = (outcomes: { status: string }[]) => outcomes.reduce<Record<string, number>>((m, o) => ({ ...m, [o.status]: (m[o.status] ?? 0) + 1 }), {});

let sb: Sandbox;
beforeEach(async () => {
  sb = await startSandbox({ timeScale: TIME_SCALE });
});
afterEach(() => sb.stop());

describe('carrying out a bulk block', () => {
  it('when 1,200 IoCs are blocked, then three import calls of ≤500 create them all, with no 429', async () => {
    const run = await runImport(apiFor(sb), plan(1_200));
    expect(run.importCalls).toBe(3);
    expect(statuses(run.outcomes)).toEqual({ created: 1_200 });
    expect(sb.stats().byFamily['indicators-import']).toBe(3);
    expect(sb.stats().throttled).toBe(0);
  });

  it('when one item is a value MDE rejects, then only that item fails, with MDE\'s reason', async () => {
    const items = [...plan(2), { ...plan(1)[0], indicatorType: 'Url', indicatorValue: 'http://evil.top/a', action: 'BlockAndRemediate' }] as ReturnType<typeof plan>;
    const run = await runImport(apiFor(sb), items);
    expect(run.outcomes.map((o) => o.status)).toEqual(['created', 'created', 'failed']);
    expect(run.outcomes[2]).toMatchObject({ reason: expect.stringMatching(/BlockAndRemediate/) });
  });

  it('when Verdict restarts after the first batch and runs again, then the read-back skips what MDE accepted and nothing is imported twice', async () => {
    const items = plan(1_200);
    // A first run got its first batch in before Verdict stopped.
    const first = await runImport(apiFor(sb), items.slice(0, 500));
    expect(statuses(first.outcomes)).toEqual({ created: 500 });
    // After the restart, the next call never reaches MDE's logic (held, then abandoned).
    sb.faults.inject({ family: 'indicators-import', type: 'timeout' });
    const cut = await runImport(apiFor(sb, 500), items);
    expect(statuses(cut.outcomes)).toEqual({ 'already-present': 500, failed: 500, created: 200 });
    expect(cut.readBacks).toBe(2);
    const again = await runImport(apiFor(sb), items);
    expect(statuses(again.outcomes)).toEqual({ 'already-present': 700, created: 500 });
    expect(again.importCalls).toBe(1);
    const listed = await apiFor(sb).listAll();
    expect(listed.filter((i) => i.indicatorValue.endsWith('.evil.top'))).toHaveLength(1_200);
  });

  it('when MDE takes a batch but its answer is lost, then the read-back confirms each item and nothing is sent again', async () => {
    sb.faults.inject({ family: 'indicators-import', type: 'malformed' });
    const run = await runImport(apiFor(sb), plan(3));
    expect(statuses(run.outcomes)).toEqual({ confirmed: 3 });
    expect(run.readBacks).toBe(2);
    expect(sb.stats().byFamily['indicators-import']).toBe(1);
  });
});
