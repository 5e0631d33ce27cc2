import { exportEntries } from '../../src/audit/export';
import type { AuditEntry } from '../../src/audit/journal';
import { auditEntryTitle } from '../../src/cards/audit-entry-card';
import type { OutcomeSink } from '../../src/audit/outcome-batches';
import type { MdeIndicator } from '../../src/mde/indicator';
import type { IndicatorsApi } from '../../src/mde/indicators-api';
import { blockIndicatorsKind } from '../../src/response-actions/block-indicators/kind';
import type { BlockIndicatorsRequest } from '../../src/response-actions/block-indicators/request';
import { extendIndicatorsKind } from '../../src/response-actions/extend-indicators/kind';
import type { ExtendIndicatorsRequest } from '../../src/response-actions/extend-indicators/request';
import { removeIndicatorsKind } from '../../src/response-actions/remove-indicators/kind';
import type { RemoveIndicatorsRequest } from '../../src/response-actions/remove-indicators/request';

const NOW = Date.parse('2026-12-02T12:00:00Z');
const ctx = { now: () => NOW, warn: () => undefined };
const people = { requester: { aadObjectId: 'a', name: 'Alex Wilber' }, decision: { by: { aadObjectId: 'm', name: 'Megan Bowen' }, at: '2026-12-02T11:00:00Z' } };

/** An in-memory tenant: import creates (or updates the expiry) unless the value is in `reject`; BatchDelete removes. */
function fakeApi(existing: MdeIndicator[] = [], reject = new Set<string>()): IndicatorsApi {
  let items = [...existing];
  return {
    listAll: async () => [...items],
    async import(batch) {
      return batch.map((b) => {
        if (reject.has(b.indicatorValue)) return { id: null, indicator: b.indicatorValue, isFailed: true, failureReason: 'InvalidUrl: no' };
        const found = items.find((i) => i.indicatorValue === b.indicatorValue);
        if (found) found.expirationTime = b.expirationTime;
        if (found) return { id: found.id, indicator: b.indicatorValue, isFailed: false, failureReason: null };
        const id = String(1000 + items.length);
        items.push({ id, indicatorValue: b.indicatorValue, indicatorType: b.indicatorType, action: b.action, expirationTime: b.expirationTime, createdBySource: null } as MdeIndicator);
        return { id, indicator: b.indicatorValue, isFailed: false, failureReason: null };
      });
    },
    delete: async () => true,
    batchDelete: async (ids) => void (items = items.filter((i) => !ids.includes(i.id))),
  };
}

function journal() {
  const entries: AuditEntry[] = [];
  const sink: OutcomeSink = { sink: { append: async (e) => void entries.push({ seq: entries.length + 1, at: new Date(NOW).toISOString(), prev: 'p', hash: 'h', ...e }) } };
  return { sink, entries };
}

const blockRequest = (values: string[]) =>
  ({
    id: 'req_ABCdef123456789012345',
    kind: 'block-indicators',
    ...people,
    target: { items: values.map((value) => ({ type: 'DomainName', value })) },
    parameters: { fileAction: 'Block', networkAction: 'Warn', severity: 'High', expirationTime: '2026-12-30T12:00:00.000Z', title: 't', description: 'd' },
  }) as BlockIndicatorsRequest;

const domains = (n: number) => Array.from({ length: n }, (_, i) => `d${i}.evil.top`);

describe('each bulk indicator item in the journal, the audit thread and the export', () => {
  it('when 120 IoCs are blocked and one fails, then every result is journaled in 3 entries of at most 50, with the failure reason', async () => {
    const { sink, entries } = journal();
    const kind = blockIndicatorsKind({ indicators: fakeApi([], new Set(['d1.evil.top'])), results: { save: async () => undefined, load: async () => undefined }, journal: sink });
    await kind.execute(blockRequest(domains(120)), ctx);

    expect(entries.map((e) => (e.data.itemOutcomes as unknown[]).length)).toEqual([50, 50, 20]);
    expect(entries[0]).toMatchObject({ type: 'containment.action-status', requestId: 'req_ABCdef123456789012345', data: { kind: 'block-indicators', part: 1, parts: 3, requestedBy: 'Alex Wilber', approvedBy: 'Megan Bowen', to: 'Completed: 119 of 120 ok' } });
    expect(auditEntryTitle(entries[0] as AuditEntry)).toMatch(/Completed: 119 of 120 ok in Defender$/);
    expect(String(entries[0]?.data.itemsInWords)).toMatch(/^d0\.evil\.top: created; d1\.evil\.top: failed \(InvalidUrl: no\); d2\.evil\.top: created/);
  });

  it('when exported as CSV, then each indicator is one row: value, type, id, result, failure reason, who asked, who approved', async () => {
    const { sink, entries } = journal();
    const kind = blockIndicatorsKind({ indicators: fakeApi([], new Set(['d1.evil.top'])), results: { save: async () => undefined, load: async () => undefined }, journal: sink });
    await kind.execute(blockRequest(domains(2)), ctx);

    const [header, ...rows] = exportEntries(entries, 'csv').trim().split('\r\n').map((l) => l.split(','));
    const col = (row: string[] | undefined, name: string) => row?.[header?.indexOf(name) ?? -1];
    expect(rows.map((r) => ['target', 'target_name', 'mde_id', 'status', 'error', 'actor_name', 'decision'].map((c) => col(r, c)))).toEqual([
      ['d0.evil.top', 'DomainName', '1000', 'created', '', 'Alex Wilber', 'approved by Megan Bowen'],
      ['d1.evil.top', 'DomainName', '', 'failed', 'InvalidUrl: no', 'Alex Wilber', 'approved by Megan Bowen'],
    ]);
  });

  it('when indicators are removed, then each id’s result is journaled, one already gone among them', async () => {
    const { sink, entries } = journal();
    const api = fakeApi([{ id: '11', indicatorValue: 'x.top', indicatorType: 'DomainName', createdBySource: null } as MdeIndicator]);
    const request = { id: 'req_ABCdef123456789012346', kind: 'remove-indicators', ...people, target: { ids: ['11', '12'] }, parameters: {} } as unknown as RemoveIndicatorsRequest;
    await removeIndicatorsKind({ indicators: api, journal: sink }).execute(request, ctx);

    expect(entries).toHaveLength(1);
    expect(entries[0]?.data.itemOutcomes).toEqual([{ id: '11', status: 'removed' }, { id: '12', status: 'already-gone' }]);
  });

  it('when expiries are extended, then each indicator’s new expiry is journaled', async () => {
    const { sink, entries } = journal();
    const api = fakeApi([{ id: '21', indicatorValue: 'y.top', indicatorType: 'DomainName', action: 'Block', expirationTime: '2026-12-05T12:00:00Z', createdBySource: null } as MdeIndicator]);
    const request = { id: 'req_ABCdef123456789012347', kind: 'extend-indicators', ...people, createdAt: new Date(NOW).toISOString(), target: { ids: ['21'] }, parameters: { byDays: 30 } } as unknown as ExtendIndicatorsRequest;
    await extendIndicatorsKind({ indicators: api, journal: sink }).execute(request, ctx);

    expect(entries[0]?.data.itemOutcomes).toEqual([expect.objectContaining({ id: '21', value: 'y.top', status: expect.stringMatching(/extended/) })]);
    expect(String(entries[0]?.data.itemsInWords)).toMatch(/^y\.top: /);
  });
});
