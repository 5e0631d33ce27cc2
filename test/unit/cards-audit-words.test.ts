import { creatorInWords } from '../../src/cards/audit-words';
import type { AuditEntry } from '../../src/audit/journal';
import { refusalEntry } from '../../src/containment/audit-entries';
import { containmentRequestSchema, type ContainmentRequest, transitionEntry, auditEntryCard, auditEntryTitle, auditListCard } from '../support/stored-request';
import { cardText } from '../support/card-text';

const SHA = '275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f';
const APP = 'fc780465-2017-40d4-a0c5-307022471b92';
const alex = { aadObjectId: 'a1', name: 'Alex Wilber' };
const megan = { aadObjectId: 'm1', name: 'Megan Bowen' };

/** An entry as the journal stores it: the real builders' data, numbered and chained. */
const journaled = (input: Pick<AuditEntry, 'type' | 'actor' | 'data'> & { requestId?: string }): AuditEntry => ({ seq: 4, at: '2026-03-02T09:10:00.000Z', prev: '0'.repeat(64), hash: 'ab'.repeat(32), ...input });

const executing = (kind: 'block-file' | 'isolate-device'): ContainmentRequest =>
  containmentRequestSchema.parse({
    id: 'req_ABCdef123456789012345', kind, state: 'executing', tenantId: 't', requester: alex,
    createdAt: '2026-03-02T09:00:00.000Z', expiresAt: '2026-03-02T10:00:00.000Z', reason: 'r', conversation: { id: 'c' }, revision: 3,
    decision: { by: megan, at: '2026-03-02T09:10:00.000Z' }, execution: { startedAt: '2026-03-02T09:10:00.000Z' },
    history: [{ at: '2026-03-02T09:00:00.000Z', from: null, to: 'requested', by: alex }, { at: '2026-03-02T09:10:00.000Z', from: 'requested', to: 'approved', by: megan }, { at: '2026-03-02T09:10:00.000Z', from: 'approved', to: 'executing', by: megan }],
    ...(kind === 'block-file'
      ? { target: { sha256: SHA }, parameters: { action: 'Block', generateAlert: true, severity: 'High', expirationTime: '2026-04-01T09:00:00.000Z', title: 't', description: 'd' } }
      : { target: { machineId: '1e5bc9d7e413ddd7902c2932e418702b84d0cc07' }, parameters: { isolationType: 'Full' } }),
  });

const INTERNALS = /\bmde\.|indicators\.submit|machines\.isolate|missing-role|not-allowed|already-blocked|no-role|Reason\nfour-eyes|\bblock-file\b|\bisolate-device\b|FileSha256/;

describe('audit channel cards speak words, not internals', () => {
  it('when a block is sent to Defender, then the card says "Block file" with the hash and action, not mde.* keys', () => {
    const text = cardText(auditEntryCard(journaled(transitionEntry(executing('block-file')))));
    expect(text).toMatch(/^Sent to Defender/);
    expect(text).toContain('Sent to Defender\nBlock file: submit a file indicator');
    expect(text).toContain('Action\nBlock');
    expect(text).toContain('Hash type\nSHA-256');
    expect(text).toContain(SHA);
    expect(text).not.toMatch(INTERNALS);
  });

  it('when an isolation is sent to Defender, then the card says "Isolate device"', () => {
    const text = cardText(auditEntryCard(journaled(transitionEntry(executing('isolate-device')))));
    expect(text).toContain('Sent to Defender\nIsolate device');
    expect(text).toContain('Isolation\nFull');
    expect(text).not.toMatch(INTERNALS);
  });

  it.each([
    ['approve', 'not-allowed', 'Refused: not an approver'],
    ['approve', 'missing-role', 'Refused: not an approver'],
    ['request', 'missing-role', 'Refused: not a responder'],
    ['cancel', 'not-allowed', 'Refused: not the requester with the responder role'],
    ['approve', 'no-role', 'Refused: has no Verdict role'],
    ['approve', 'four-eyes', 'Refused: the requester cannot decide their own request (four-eyes rule)'],
    ['approve', 'wrong-tenant', 'Refused: from another organisation (Entra tenant)'],
  ])('when a %s is refused as %s, then the card reads %j', (verb, reason, title) => {
    const entry = journaled(refusalEntry(verb, alex, reason, { requestId: 'req_ABCdef123456789012345', tenantId: 't', detail: { kind: 'block-file', needs: 'decide-containment' } }));
    const text = cardText(auditEntryCard(entry));
    expect(auditEntryTitle(entry)).toBe(title);
    expect(text.split('\n')[0]).toBe(title);
    expect(text).toContain('What\nBlock a file (indicator)');
    expect(text).not.toMatch(INTERNALS);
  });

  it('when a block request is refused because the hash is already blocked, then the card names the indicator, the hash and its creator by name', () => {
    const existing = { id: '4711', action: 'Block', expirationTime: null, createdBy: APP, createdByName: 'Contoso SOAR', indicatorType: 'FileSha256', title: 'EICAR' };
    const entry = journaled(refusalEntry('request', alex, 'already-blocked', { tenantId: 't', detail: { kind: 'block-file', target: { sha256: SHA, verdict: 'Malicious' }, existing } }));
    const text = cardText(auditEntryCard(entry));
    expect(text.split('\n')[0]).toBe('Refused: already blocked by indicator #4711');
    expect(text).toContain(SHA);
    expect(text).toContain(`Created by\nContoso SOAR (app ${APP})`);
    expect(text).not.toMatch(INTERNALS);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['an id that names no request', { unknownRequestId: 'constructor' }, 'Clicked request id\nconstructor'],
    ['an id that could not be one of ours', { requestIdShape: 'invalid' }, 'Clicked request id\nnot a Verdict request id'],
    ['an over-long Deny comment', { comment: 'longer than 1000 characters' }, 'Comment\nlonger than 1000 characters'],
    ['a stored request that cannot be read', { corrupt: ['state: Invalid option'] }, 'Stored request unreadable\nstate: Invalid option'],
  ])('when a click is refused for %s, then the card labels it in words, not with the journal key', (_what, detail, shown) => {
    const entry = journaled(refusalEntry('approve', megan, 'not-found', { tenantId: 't', detail }));
    const text = cardText(auditEntryCard(entry));
    expect(text).toContain(shown);
    expect(text).not.toMatch(/detail\.|unknownRequestId|requestIdShape|\binvalid\b/);
  });

  it('when Defender reports an isolation status, then the device id is labelled in words', () => {
    const text = cardText(auditEntryCard(journaled({ type: 'containment.action-status', actor: { name: 'verdict' }, requestId: 'req_ABCdef123456789012345', data: { kind: 'isolate-device', machineId: '1e5bc9d7e413ddd7902c2932e418702b84d0cc07', mdeId: 'a-1', from: 'InProgress', to: 'Succeeded', final: true } })));
    expect(text).toContain('Device id\n1e5bc9d7e413ddd7902c2932e418702b84d0cc07');
    expect(text).not.toMatch(/\bmachineId\b/);
  });

  it.each([
    [APP, 'Verdict', `Verdict (app ${APP})`],
    [APP, null, `app ${APP}`],
    ['secops@contoso.com', 'SecOps Lead', 'SecOps Lead (secops@contoso.com)'],
    ['secops@contoso.com', undefined, 'secops@contoso.com'],
  ])('when an indicator was created by %s named %s, then "Created by" reads %j', (by, name, shown) => {
    expect(creatorInWords(by, name)).toBe(shown);
  });
});

describe('/audit lists entries in the same words', () => {
  it('when a refusal is listed, then its line says why and its detail has no codes', () => {
    const entry = journaled(refusalEntry('approve', alex, 'missing-role', { requestId: 'req_ABCdef123456789012345', tenantId: 't', detail: { needs: 'decide-containment' } }));
    const text = cardText(auditListCard([entry], 4));
    expect(text).toContain('#4 Refused: not an approver — Alex Wilber');
    expect(text).toContain('Tried: Approve');
    expect(text).not.toMatch(/missing-role|verb: |tenantId/);
  });
});
