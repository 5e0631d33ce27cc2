import { CARD_VERBS } from '../../src/cards/card-verbs';
import { auditEntryCard } from '../support/stored-request';
import { DEMO_FILES, DEMO_TENANT_ID, DEMO_USERS } from '../../src/sandbox/demo-tenant';
import { cardOf, cardText } from '../support/card-text';
import { as, cardClick, invokedCard, message, startConversation, type Conversation } from '../support/conversation';

/* Refusals the router decides (no role, wrong role) reach the real journal, as the service's own do. */
const SHA = DEMO_FILES.malware.sha256;
const { lee, diego } = DEMO_USERS;

let conv: Conversation;
beforeEach(async () => {
  conv = await startConversation();
});
afterEach(() => conv.stop());

const journal = () => conv.built.journal.read();

describe('refusals in the audit journal', () => {
  it('when Lee (reader) clicks Request block, then the refusal names him, the verb, the hash and the missing role', async () => {
    const card = invokedCard(await conv.send(as(lee, cardClick(CARD_VERBS.containmentRequestBlock, { sha: SHA, action: 'Block', reason: 'x', role: 'responder' }))));
    expect(cardText(card)).toMatch(/This needs the responder role/);
    const entries = await journal();
    expect(entries).toEqual([
      expect.objectContaining({
        seq: 1,
        type: 'containment.refused',
        actor: { aadObjectId: lee.aadObjectId, name: lee.name },
        data: { verb: 'request', reason: 'missing-role', tenantId: DEMO_TENANT_ID, detail: { kind: 'block-file', sha: SHA, needs: 'request-containment', roles: 'reader' } },
      }),
    ]);
    expect(entries[0]).not.toHaveProperty('requestId');
    expect(await conv.built.journal.verify()).toMatchObject({ ok: true, entries: 1 });
    const posted = cardText(auditEntryCard(entries[0]!));
    // The audit channel reads words; the journal above keeps the codes.
    expect(posted).toMatch(/^Refused: not a responder\nLee Gu/);
    expect(posted).toMatch(/Tried\nAsk for containment/);
    expect(posted).toMatch(/What\nBlock a file \(indicator\)/);
    expect(posted).toMatch(/Needs\nthe responder role/);
    expect(posted).toContain(`Hash\n${SHA}`);
    expect(posted).not.toMatch(/missing-role|request-containment|block-file/);
  });

  it('when Diego (no role) clicks Approve on a request that exists, then "no-role" is journaled with its id; on a made-up id, without one', async () => {
    const form = { sha: SHA, action: 'Block', generateAlert: 'true', severity: 'High', expiryDays: '30', title: 'EICAR', description: 'x', reason: 'Seen in alert da123' };
    await conv.send(cardClick(CARD_VERBS.containmentRequestBlock, form));
    const requestId = (await journal()).find((e) => e.type === 'containment.requested')?.requestId as string;
    expect(requestId).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    for (const id of [requestId, 'constructor', '__proto__']) {
      expect(cardText(invokedCard(await conv.send(as(diego, cardClick(CARD_VERBS.containmentApprove, { requestId: id })))))).toMatch(/don't have a Verdict role/);
    }
    const refusals = (await journal()).filter((e) => e.type === 'containment.refused');
    expect(refusals).toEqual([
      expect.objectContaining({ actor: { aadObjectId: diego.aadObjectId, name: diego.name }, requestId, data: expect.objectContaining({ verb: 'approve', reason: 'no-role' }) }),
      expect.objectContaining({ data: expect.objectContaining({ reason: 'no-role', detail: expect.objectContaining({ unknownRequestId: 'constructor' }) }) }),
      expect.objectContaining({ data: expect.objectContaining({ reason: 'no-role', detail: expect.objectContaining({ unknownRequestId: '__proto__' }) }) }),
    ]);
    expect(refusals[1]).not.toHaveProperty('requestId');
    expect(refusals[2]).not.toHaveProperty('requestId');
  });

  it('when Lee asks for /audit, then the refusal is journaled; when Diego looks up a hash, nothing is', async () => {
    expect(cardText(cardOf((await conv.send(as(lee, message('/audit'))))[0]))).toMatch(/This needs the approver role/);
    expect(cardText(cardOf((await conv.send(as(diego, message(`/hash ${SHA}`))))[0]))).toMatch(/don't have a Verdict role/);
    expect((await journal()).map((e) => [e.actor.name, e.data])).toEqual([[lee.name, { verb: '/audit', reason: 'missing-role', tenantId: DEMO_TENANT_ID, detail: { needs: 'view-audit', roles: 'reader' } }]]);
  });
});
