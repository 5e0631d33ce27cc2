import type { MdeIndicator } from '../../src/mde/indicator';
import type { IndicatorImportItem } from '../../src/mde/indicator-bulk';
import type { IndicatorsApi } from '../../src/mde/indicators-api';
import { blockIndicatorsKind } from '../../src/response-actions/block-indicators/kind';
import type { BlockIndicatorsRequest } from '../../src/response-actions/block-indicators/request';
import type { BulkResultsStore } from '../../src/response-actions/block-indicators/results-store';

const NOW = Date.parse('2026-12-02T12:00:00Z');

/** An in-memory tenant: import creates unless the value is in `reject`; list shows what exists. */
function fakeApi(existing: MdeIndicator[] = [], reject = new Set<string>()) {
  const items = [...existing];
  const calls: IndicatorImportItem[][] = [];
  const api: IndicatorsApi = {
    listAll: async () => [...items],
    async import(batch) {
      calls.push([...batch]);
      return batch.map((b) => {
        if (reject.has(b.indicatorValue)) return { id: null, indicator: b.indicatorValue, isFailed: true, failureReason: 'InvalidUrl: no' };
        const id = String(items.length + 1);
        items.push({ id, indicatorValue: b.indicatorValue, indicatorType: b.indicatorType, action: b.action, createdBySource: null } as MdeIndicator);
        return { id, indicator: b.indicatorValue, isFailed: false, failureReason: null };
      });
    },
    delete: async () => true,
    batchDelete: async () => undefined,
  };
  return { api, calls };
}
const saved = new Map<string, unknown>();
const results: BulkResultsStore = { save: async (id, o) => void saved.set(id, o), load: async () => undefined };
const ctx = { now: () => NOW, warn: () => undefined };
const request = (values: string[]): BlockIndicatorsRequest =>
  ({
    id: 'req_ABCdef123456789012345',
    kind: 'block-indicators',
    target: { items: values.map((value) => ({ type: 'DomainName', value })) },
    parameters: { fileAction: 'Block', networkAction: 'Warn', severity: 'High', expirationTime: '2026-12-30T12:00:00.000Z', title: 't', description: 'd' },
  }) as BlockIndicatorsRequest;

describe('the block-indicators kind', () => {
  it('when some items fail, then it succeeds with how many are in Defender and how many failed, and every result is kept', async () => {
    const { api, calls } = fakeApi([], new Set(['b.evil.top']));
    const kind = blockIndicatorsKind({ indicators: api, results });
    const outcome = await kind.execute(request(['a.evil.top', 'b.evil.top', 'c.evil.top']), ctx);
    expect(outcome).toEqual({ type: 'succeed', mdeId: '2/3', status: '1 failed' });
    expect(calls[0]?.map((i) => [i.action, i.expirationTime])).toEqual([['Warn', '2026-12-30T12:00:00.000Z'], ['Warn', '2026-12-30T12:00:00.000Z'], ['Warn', '2026-12-30T12:00:00.000Z']]);
    expect((saved.get('req_ABCdef123456789012345') as unknown[]).length).toBe(3);
  });

  it('when every item fails, then the request fails with the first reason', async () => {
    const kind = blockIndicatorsKind({ indicators: fakeApi([], new Set(['a.evil.top'])).api, results });
    const outcome = await kind.execute(request(['a.evil.top']), ctx);
    expect(outcome).toMatchObject({ type: 'fail', error: { kind: 'bad-request', message: expect.stringContaining('InvalidUrl') } });
  });

  it('when Verdict restarted mid-import, then evidence finds the set only when every item is in Defender, and never imports', async () => {
    const { api, calls } = fakeApi([{ id: '1', indicatorValue: 'A.evil.top', indicatorType: 'DomainName', createdBySource: null } as MdeIndicator]);
    const kind = blockIndicatorsKind({ indicators: api, results });
    expect(await kind.evidence(request(['a.evil.top', 'b.evil.top']), { ...ctx, startedAt: NOW })).toEqual({ found: false, detail: '1 of 2 not in Defender' });
    expect(await kind.evidence(request(['a.evil.top']), { ...ctx, startedAt: NOW })).toEqual({ found: true, mdeId: '1/1', mdeStatus: 'Active' });
    expect(calls).toEqual([]);
  });

  it('when the set would pass the cap or a value is invalid, then the pre-check refuses with the kind\'s reason', async () => {
    const full = Array.from({ length: 14_999 }, (_, i) => ({ id: String(i), indicatorValue: `f${i}.top`, indicatorType: 'DomainName', createdBySource: null }) as MdeIndicator);
    const kind = blockIndicatorsKind({ indicators: fakeApi(full).api, results });
    const input = (values: string[]) => ({ target: request(values).target, parameters: request(values).parameters });
    expect(await kind.precheck(input(['a.evil.top', 'b.evil.top']), { now: NOW })).toMatchObject({ ok: false, reason: 'over-cap', detail: { used: 14_999, adding: 2 } });
    expect(await kind.precheck(input(['not a domain']), { now: NOW })).toMatchObject({ ok: false, reason: 'invalid-values' });
    expect(await kind.precheck(input(['a.evil.top']), { now: NOW })).toMatchObject({ ok: true, notes: { quota: { used: 14_999, adding: 1 } } });
  });
});
