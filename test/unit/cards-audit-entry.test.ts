import { auditEntryCard } from '../support/stored-request';
import { conversationLink } from '../../src/cards/teams-links';
import type { AuditEntry } from '../../src/audit/journal';
import { cardText } from '../support/card-text';
import { toneOf } from '../support/card-nodes';
import { newRun } from '../../src/devices/bulk/bulk-runner';
import { deviceOutcomeEntry } from '../../src/devices/bulk/run-journal';
import { devices, T0 } from './devices-bulk-fakes';
import { actionPresentations } from '../../src/app/containment/action-presentation';
import { DEVICE_ACTIONS } from '../../src/response-actions/device-set/actions';
import { deviceSetPresentation } from '../../src/response-actions/device-set/presentation';

const TENANT = '8f6e7c3a-1d2b-4c5e-9f8a-7b6c5d4e3f2a';

function entry(over: Partial<AuditEntry>): AuditEntry {
  return { seq: 7, at: '2026-11-22T10:00:00.000Z', type: 'containment.requested', actor: { name: 'Alex Wilber' }, requestId: 'req0000000000000000001', data: {}, prev: '0'.repeat(64), hash: 'ab'.repeat(32), ...over } as AuditEntry;
}

const actions = (card: object) => (card as { actions?: { type: string; url?: string; title?: string }[] }).actions ?? [];

describe('audit channel card', () => {
  const requested = {
    kind: 'block-file',
    tenantId: TENANT,
    seq: 0,
    from: null,
    to: 'requested',
    target: { sha256: 'f'.repeat(64), fileName: 'invoice.exe', verdict: 'malicious' },
    parameters: { action: 'Block', severity: 'High', rbacGroupNames: ['Servers', 'Laptops'] },
    reason: 'Seen in INC-42',
    requester: { aadObjectId: 'x', name: 'Alex Wilber' },
    conversationId: '19:soc@thread.tacv2;messageid=1700000000000',
  };

  it('when a request is journaled, then its card says what was asked for (target and parameters), not only the kind', () => {
    const text = cardText(auditEntryCard(entry({ data: requested })) as never);
    expect(text).toContain('f'.repeat(64));
    expect(text).toContain('invoice.exe');
    expect(text).toContain('Block');
    expect(text).toContain('Servers, Laptops');
    expect(text).toContain('Seen in INC-42');
    expect(text).not.toContain(TENANT);
  });

  it('when a request is journaled, then its facts read as words, and hashes are on their own wrapping lines rather than clipped in a FactSet', () => {
    const card = auditEntryCard(entry({ data: { ...requested, quota: { used: 12, limit: 15000, nearLimit: false } } }));
    const facts = JSON.stringify((card as unknown as { body: unknown[] }).body.filter((b) => (b as { type: string }).type === 'FactSet'));
    expect(facts).toContain('"title":"What","value":"Block a file (indicator)"');
    expect(facts).toContain('"title":"Action","value":"Block"');
    expect(facts).toContain('"title":"Indicators in use","value":"12"');
    expect(facts).not.toContain('nearLimit');
    expect(facts).not.toContain('f'.repeat(64));
    const monospace = JSON.stringify(card).match(/"text":"f{64}","fontType":"Monospace"[^}]*"wrap":true/);
    expect(monospace).not.toBeNull();
    expect(cardText(card as never)).toContain('SHA-256');
  });

  it('when the request was made in a channel thread, then the card links back to that thread', () => {
    const card = auditEntryCard(entry({ data: requested }));
    expect(actions(card)).toEqual([
      expect.objectContaining({ type: 'Action.OpenUrl', title: 'Open the conversation', url: `https://teams.microsoft.com/l/message/19%3Asoc%40thread.tacv2/1700000000000?tenantId=${TENANT}&parentMessageId=1700000000000` }),
    ]);
    expect(cardText(card as never)).toContain('a channel');
  });

  it('when the request was made in a personal chat, then the card says so and offers no link nobody else could open', () => {
    const card = auditEntryCard(entry({ data: { ...requested, conversationId: 'a:1xyzPersonalChat' } }));
    expect(actions(card)).toEqual([]);
    expect(cardText(card as never)).toContain('a personal chat with Verdict');
  });

  it('when an isolation status is journaled, then the title is the news and final failures are red', () => {
    const ok = auditEntryCard(entry({ type: 'containment.action-status', actor: { name: 'verdict' }, data: { kind: 'isolate-device', from: 'InProgress', to: 'Succeeded', final: true } }));
    const failed = auditEntryCard(entry({ type: 'containment.action-status', actor: { name: 'verdict' }, data: { kind: 'isolate-device', from: 'Pending', to: 'TimeOut', final: true } }));
    expect(cardText(ok as never)).toContain('Isolation: Succeeded in Defender');
    expect(toneOf(failed, 'Isolation: TimeOut in Defender')).toBe('attention');
    expect(cardText(failed as never)).toContain('Isolation: TimeOut in Defender');
  });

  it('when a bulk run journals a batch of device outcomes while it runs, then the card says how far it is and lists every device of the batch', () => {
    const run = newRun({ id: 'req-1', action: { kind: 'isolate', isolationType: 'Full' }, comment: 'c', requestedBy: 'Alex Wilber', approvedBy: 'Megan Bowen', devices: devices(137) }, T0);
    run.devices = run.devices.map((d, i) => ({ ...d, state: 'accepted', mdeId: `a${i}`, mdeStatus: i < 60 ? 'Succeeded' : 'Pending' }));
    const batch = deviceOutcomeEntry(run, 'device-set-isolate', Array.from({ length: 50 }, (_, i) => i));
    // The device-set kinds' words, as the registry gives them to the audit trail.
    const words = actionPresentations(DEVICE_ACTIONS.map(deviceSetPresentation)).words;
    const text = cardText(auditEntryCard(entry({ type: 'containment.action-status', actor: { name: 'verdict' }, requestId: 'req-1', data: batch.data }), { words }) as never);
    expect(text).toContain('Isolate: Running: 137/137 sent, 60 done, 0 failed in Defender · 50/137 device outcomes journaled');
    expect(text).toMatch(/Final status\nNo/);
    expect(text).toMatch(/Requested by\nAlex Wilber\nApproved by\nMegan Bowen/);
    expect(text).toMatch(/Action\nisolate\nIsolation\nFull/);
    // The whole batch, not cut at 200 characters like other values.
    expect(text).toContain('Device outcomes\nws-1: Succeeded; ws-2: Succeeded;');
    expect(text).toContain('ws-50: Succeeded');
  });
});

describe('Teams deep links', () => {
  it.each([
    ['19:abc@thread.tacv2;messageid=123', 'https://teams.microsoft.com/l/message/19%3Aabc%40thread.tacv2/123?parentMessageId=123'],
    ['19:abc@thread.tacv2', 'https://teams.microsoft.com/l/channel/19%3Aabc%40thread.tacv2/Verdict'],
    ['19:meeting_x@thread.v2', 'https://teams.microsoft.com/l/chat/19%3Ameeting_x%40thread.v2/0'],
    ['a:personal', undefined],
    ['19:abc@thread.tacv2;messageid=123"><script>', undefined],
    ['javascript:alert(1)', undefined],
  ])('%s → %s', (id, link) => {
    expect(conversationLink(id)).toBe(link);
  });

  it('when the tenant id is not a GUID, then it is left out rather than put in the URL', () => {
    expect(conversationLink('19:abc@thread.tacv2', 'evil&x=1')).toBe('https://teams.microsoft.com/l/channel/19%3Aabc%40thread.tacv2/Verdict');
  });
});
