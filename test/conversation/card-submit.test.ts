import type { Activity } from 'botbuilder';
import { CARD_VERBS } from '../../src/cards/card-verbs';
import { DEMO_FILES, DEMO_USERS } from '../../src/sandbox/demo-tenant';
import { cardOf, cardText } from '../support/card-text';
import { as, message, startConversation, type Conversation } from '../support/conversation';
import { indicatorIdOn, indicatorPosts } from '../support/sandbox-containment';

/*
 * Clients without Universal Actions click the Action.Submit fallback: Teams sends a plain message
 * whose `value` is the button's data (verb included) plus the form's inputs, with `replyToId` the
 * card's message. The same router, role checks and journal must decide it.
 */
const SHA = DEMO_FILES.malware.sha256;
const { alex, megan, lee, diego } = DEMO_USERS;
const form = { action: 'Block', generateAlert: 'true', severity: 'High', expiryDays: '30', title: 'EICAR', description: 'Test malware', reason: 'Seen in alert da123' };

jest.setTimeout(30_000);
let conv: Conversation;
beforeEach(async () => {
  conv = await startConversation();
});
afterEach(() => conv.stop());

/** A Submit click as an old client sends it: a message with `value`, no text, in reply to the card. */
const submit = (who: { name: string; aadObjectId: string }, value: Record<string, unknown>, replyToId: string): Partial<Activity> =>
  as(who, message('', { text: undefined, value, replyToId }));

/** The card a Submit answer put in place of the clicked message. */
const answerTo = (replyToId: string) => cardText(cardOf(conv.updates.filter((u) => u.id === replyToId).at(-1)));

/** Alex asks to block the demo malware through the form's Submit fallback; returns the approval message. */
async function alexRequestsBySubmit() {
  const replies = await conv.send(submit(alex, { verb: CARD_VERBS.containmentRequestBlock, sha: SHA, ...form }, 'verdict-card'));
  const approval = replies.find((r) => /Containment request/.test(cardText(cardOf(r))));
  const approve = (cardOf(approval)?.actions as { verb?: string; data?: { requestId?: string } }[] | undefined)?.find((a) => a.verb === CARD_VERBS.containmentApprove);
  return { approval, approvalId: approval?.id ?? '', requestId: approve?.data?.requestId ?? '' };
}

const refusals = async () => (await conv.built.journal.read()).filter((e) => e.type === 'containment.refused');

describe('Action.Submit fallback clicks', () => {
  it('when Alex sends the block form by Submit, then the approval card is posted and the form is answered in place', async () => {
    const { approval, requestId } = await alexRequestsBySubmit();
    expect(cardText(cardOf(approval))).toMatch(/Waiting for an approver[\s\S]*Alex Wilber[\s\S]*Seen in alert da123/);
    expect(requestId).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(answerTo('verdict-card')).toMatch(/Block requested/);
  });

  it('when Lee (reader) submits Approve, then the service refuses and journals it; nothing reaches Defender', async () => {
    const { approvalId, requestId } = await alexRequestsBySubmit();
    await conv.send(submit(lee, { verb: CARD_VERBS.containmentApprove, requestId }, approvalId));
    expect(answerTo(approvalId)).toMatch(/approve this request: that needs the Verdict approver role/);
    expect(indicatorPosts(conv)).toHaveLength(0);
    expect(await refusals()).toEqual([expect.objectContaining({ actor: { aadObjectId: lee.aadObjectId, name: lee.name }, requestId, data: expect.objectContaining({ verb: 'approve', reason: 'not-allowed' }) })]);
  });

  it('when Diego (no role) submits Approve, then the router refuses and journals "no-role" first', async () => {
    const { approvalId, requestId } = await alexRequestsBySubmit();
    await conv.send(submit(diego, { verb: CARD_VERBS.containmentApprove, requestId }, approvalId));
    expect(answerTo(approvalId)).toMatch(/don't have a Verdict role/);
    expect(indicatorPosts(conv)).toHaveLength(0);
    expect(await refusals()).toEqual([expect.objectContaining({ actor: { aadObjectId: diego.aadObjectId, name: diego.name }, requestId, data: expect.objectContaining({ verb: 'approve', reason: 'no-role' }) })]);
  });

  it('when Megan submits Approve with forged extra fields, then only the verb and requestId count and she approves as herself', async () => {
    const { approvalId, requestId } = await alexRequestsBySubmit();
    const forged = { verb: CARD_VERBS.containmentApprove, requestId, aadObjectId: alex.aadObjectId, name: 'Alex Wilber', roles: ['approver'], tenantId: 'other', sha: DEMO_FILES.clean.sha256, action: 'Allowed' };
    await conv.send(submit(megan, forged, approvalId));
    const id = await indicatorIdOn(conv, SHA);
    expect(answerTo(approvalId)).toMatch(new RegExp(`Approved by Megan Bowen: done\\. Indicator ${id}\\b`));
    expect(indicatorPosts(conv).map((s) => [s.indicatorValue, s.action])).toEqual([[SHA, 'Block']]);
    const approved = (await conv.built.journal.read()).find((e) => e.type === 'containment.approved');
    expect(approved).toMatchObject({ actor: { aadObjectId: megan.aadObjectId, name: megan.name }, requestId });
    expect(await refusals()).toEqual([]);
  });

  it('when Megan submits the Deny form, then its comment input is read like an Execute click', async () => {
    const { approvalId, requestId } = await alexRequestsBySubmit();
    await conv.send(submit(megan, { verb: CARD_VERBS.containmentDeny, requestId, comment: 'Test file, leave it' }, approvalId));
    expect(answerTo(approvalId)).toMatch(/Denied by Megan Bowen[\s\S]*Test file, leave it/);
    expect(indicatorPosts(conv)).toHaveLength(0);
  });

  it('when a Submit comes from another tenant, then the tenant is refused and the refusal journaled', async () => {
    const { approvalId, requestId } = await alexRequestsBySubmit();
    const other = '0b1e2c3d-0000-4000-8000-000000000001';
    await conv.send({ ...submit(megan, { verb: CARD_VERBS.containmentApprove, requestId }, approvalId), channelData: { tenant: { id: other } } });
    expect(answerTo(approvalId)).toMatch(/tenant is not allowed/);
    expect(indicatorPosts(conv)).toHaveLength(0);
    // Requests are looked up in the clicker's tenant: from another tenant this one is not theirs, so
    // the refusal keeps the clicked id as a detail and opens no thread in the audit channel.
    const [refusal] = await refusals();
    expect(refusal).toMatchObject({ data: { verb: 'approve', reason: 'wrong-tenant', tenantId: other, detail: { unknownRequestId: requestId } } });
    expect(refusal).not.toHaveProperty('requestId');
  });
});
