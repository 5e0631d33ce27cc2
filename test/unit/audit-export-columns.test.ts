import type { AuditEntry } from '../../src/audit/journal';
import { exportEntries } from '../../src/audit/export';
import { EXPORT_COLUMNS, exportRow } from '../../src/audit/export-columns';

const SHA = 'ab'.repeat(32);
let seq = 0;
const entry = (type: AuditEntry['type'], data: Record<string, unknown>, extra: Partial<AuditEntry> = {}): AuditEntry => ({
  seq: ++seq,
  at: `2026-11-20T10:0${seq}:00.000Z`,
  type,
  actor: { name: 'Megan Bowen', aadObjectId: 'm-1' },
  requestId: 'req-1',
  data,
  prev: '0'.repeat(64),
  hash: String(seq).repeat(64).slice(0, 64),
  ...extra,
});

/** Entries shaped as src/containment/audit-entries.ts, refusals and followed actions write them. */
describe('audit export columns', () => {
  it.each([
    ['a block request', entry('containment.requested', { kind: 'block-file', target: { sha256: SHA, fileName: 'evil.exe' }, parameters: { action: 'BlockAndRemediate' }, reason: 'EICAR on 3 devices' }), { kind: 'block-file', target: SHA, target_name: 'evil.exe', action: 'BlockAndRemediate', decision: '', reason: 'EICAR on 3 devices' }],
    ['an isolation request', entry('containment.requested', { kind: 'isolate-device', target: { machineId: 'f'.repeat(40), computerDnsName: 'pc-7' }, parameters: { isolationType: 'Full' } }), { target: 'f'.repeat(40), target_name: 'pc-7', action: 'Full' }],
    ['an approval', entry('containment.approved', { kind: 'block-file', comment: 'confirmed with the owner' }), { decision: 'approved', comment: 'confirmed with the owner', actor_name: 'Megan Bowen', actor_id: 'm-1' }],
    ['the call to Defender', entry('containment.executing', { kind: 'block-file', mde: { operation: 'indicators.submit', indicatorValue: SHA, action: 'BlockAndRemediate' } }), { target: SHA, action: 'BlockAndRemediate' }],
    ["Defender's result", entry('containment.succeeded', { kind: 'isolate-device', mdeId: 'ma-42', mdeStatus: 'Pending' }), { mde_id: 'ma-42', status: 'Pending' }],
    ['a failure', entry('containment.failed', { kind: 'block-file', error: { kind: 'forbidden', code: 'Forbidden', message: 'no Ti.ReadWrite.All', correlationId: 'c-9' } }), { error: 'Forbidden: no Ti.ReadWrite.All', correlation_id: 'c-9' }],
    ['a followed status', entry('containment.action-status', { kind: 'isolate-device', machineId: 'f'.repeat(40), mdeId: 'ma-42', from: 'Pending', to: 'Succeeded' }), { status: 'Succeeded', mde_id: 'ma-42', target: 'f'.repeat(40) }],
    ['a refused click', entry('containment.refused', { verb: 'approve', reason: 'missing-role', detail: { kind: 'block-file', sha: SHA } }), { decision: 'refused', action: 'approve', reason: 'missing-role', kind: 'block-file', target: SHA }],
    ['an /audit view', entry('command.run', { command: '/audit', shown: 10 }, { requestId: undefined }), { action: '/audit', request_id: '' }],
  ])('when the entry is %s, then its facts have their own columns', (_what, e, expected) => {
    const row = exportRow(e);
    expect(row).toMatchObject({ seq: String(e.seq), time: e.at, type: e.type, hash: e.hash, prev_hash: e.prev, data: JSON.stringify(e.data), ...expected });
    expect(Object.keys(row)).toEqual([...EXPORT_COLUMNS]);
  });

  it('when data has an unexpected shape (or built-in names), then the columns stay empty rather than failing', () => {
    const odd = entry('containment.requested', { target: 'not an object', parameters: ['x'], constructor: { name: 'x' }, error: null });
    expect(exportRow(odd)).toMatchObject({ target: '', action: '', error: '', correlation_id: '' });
  });

  it('when a column holds text from users that starts a formula, then the CSV cell is defused', () => {
    const csv = exportEntries([entry('containment.approved', { comment: '=HYPERLINK("http://evil")', reason: '\tcmd', target: { fileName: '@SUM(A1)' } }, { actor: { name: '-2+3' } })], 'csv');
    const cells = csv.split('\r\n')[1] as string;
    expect(cells).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(cells).toContain("'\tcmd");
    expect(cells).toContain("'@SUM(A1)");
    expect(cells).toContain(",'-2+3,");
  });

  it('when exporting JSON, then each entry is complete, as journaled', () => {
    const e = entry('containment.succeeded', { kind: 'block-file', mdeId: '994', nested: { deep: [1, { x: true }] } });
    expect(JSON.parse(exportEntries([e], 'json'))).toEqual([e]);
  });
});
