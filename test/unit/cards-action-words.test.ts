import type { AuditEntry } from '../../src/audit/journal';
import { actionViews, type ActionCardView } from '../../src/cards/action-view';
import { auditEntryCard, auditEntryTitle } from '../../src/cards/audit-entry-card';
import { auditListCard } from '../../src/cards/audit-list-card';
import { auditChannelCard } from '../../src/cards/audit-channel-card';
import { auditWordsOf } from '../../src/cards/audit-words';
import { blockFileView } from '../../src/response-actions/block-file/card-view';
import { cardText } from '../support/card-text';

/**
 * A new kind's words reach the audit channel and /audit through its view alone (nothing in
 * src/cards names it): a scan that exists only in this test.
 */
const scanView: ActionCardView = {
  heading: () => 'Response request: scan a device',
  target: () => ({ title: 'Device', value: 'ws-07' }),
  facts: () => [],
  mdeNoun: 'Machine action',
  what: () => 'scan device ws-07',
  words: {
    kind: 'Run an antivirus scan',
    operations: { 'machines.scan': 'Scan device' },
    refusal: (reason) => (reason === 'scan-running' ? 'a scan is already running on the device' : undefined),
    notes: { 'already-pending': 'Defender was already scanning the device' },
    followedAction: 'Scan',
    labels: { 'mde.scanType': 'Scan type', 'parameters.scanType': 'Scan type' },
  },
};
const words = auditWordsOf(actionViews([{ kind: 'block-file', view: blockFileView }, { kind: 'test-scan', view: scanView }]));

const entry = (type: AuditEntry['type'], data: Record<string, unknown>): AuditEntry => ({ seq: 9, at: '2026-03-02T09:10:00.000Z', type, actor: { name: 'verdict' }, requestId: 'req_ABCdef123456789012345', data, prev: '0'.repeat(64), hash: 'ab'.repeat(32) });

describe("a kind's own words in the audit trail", () => {
  it('when its call is journaled, then the card names the kind, its operation and its fields in its words', () => {
    const executing = entry('containment.executing', { kind: 'test-scan', from: 'approved', to: 'executing', mde: { operation: 'machines.scan', scanType: 'Quick' } });
    const text = cardText(auditEntryCard(executing, { words }));
    expect(text).toContain('What\nRun an antivirus scan');
    expect(text).toContain('Sent to Defender\nScan device');
    expect(text).toContain('Scan type\nQuick');
    expect(text).not.toMatch(/test-scan|machines\.scan|mde\.scanType/);
    expect(cardText(auditListCard([executing], 9, words))).toContain('Run an antivirus scan');
  });

  it('when its pre-check refused, its note is set or its action is followed, then each reads in its words', () => {
    expect(auditEntryTitle(entry('containment.refused', { verb: 'request', reason: 'scan-running', detail: { kind: 'test-scan' } }), words)).toBe('Refused: a scan is already running on the device');
    expect(auditEntryTitle(entry('containment.action-status', { kind: 'test-scan', to: 'Succeeded', final: true }), words)).toBe('Scan: Succeeded in Defender');
    const succeeded = cardText(auditEntryCard(entry('containment.succeeded', { kind: 'test-scan', note: 'already-pending', mdeId: 'a-1' }), { words }));
    expect(succeeded).toContain('Defender was already scanning the device');
  });

  it("when a refusal names no kind, then the kinds that know the code speak; without the registry's words, codes show as they are", () => {
    expect(auditEntryTitle(entry('containment.refused', { verb: 'request', reason: 'quota-exceeded', detail: {} }), words)).toBe('Refused: the indicator quota is full');
    expect(auditEntryTitle(entry('containment.refused', { verb: 'request', reason: 'scan-running', detail: {} }))).toBe('Refused: scan-running');
  });

  it('when a request needs no approver (its policy), then its first card in the channel offers no Approve and says why', () => {
    const requested = (data: Record<string, unknown>) => auditChannelCard(entry('containment.requested', { kind: 'test-scan', reason: 'r', ...data }), { words });
    const byPolicy = requested({ approval: 'none' });
    expect(JSON.stringify(byPolicy)).not.toMatch(/containment\.(approve|deny|view)/);
    expect(cardText(byPolicy)).toContain('Approval\nnone needed (policy)');
    expect(JSON.stringify(requested({}))).toMatch(/containment\.approve/);
  });
});
