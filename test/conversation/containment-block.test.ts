import type { Activity } from 'botbuilder';
import { DEMO_FILES, DEMO_USERS } from '../../src/sandbox/demo-tenant';
import { CARD_VERBS } from '../../src/cards/card-verbs';
import { safeText } from '../../src/cards/escape';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cardOf, cardText } from '../support/card-text';
import { as, cardClick, invokedCard, message, startConversation, type Conversation } from '../support/conversation';
import { failNextIndicatorPost, indicatorIdOn, indicatorPosts, portalIndicator, slowNextIndicatorPost } from '../support/sandbox-containment';

/*
 * Block a hash through the real bot: Graph roles from the sandbox, the real containment service,
 * file store and audit journal, and MDE's indicator routes in the sandbox, reached by the real
 * MDE client and containment gateways.
 */
jest.setTimeout(30_000);
const SHA = DEMO_FILES.malware.sha256;
const { alex, megan, lee, diego } = DEMO_USERS;

let conv: Conversation;
beforeEach(async () => {
  conv = await startConversation();
});
afterEach(() => conv.stop());

const form = { action: 'Block', generateAlert: 'true', severity: 'High', expiryDays: '30', title: 'EICAR', description: 'Test malware', reason: 'Seen in alert da123' };
const actionsOf = (card: unknown) => ((card as { actions?: { title?: string; type?: string }[] })?.actions ?? []);
const approvalOf = (replies: Partial<Activity>[]) => replies.find((r) => r.type === 'message' && /Containment request/.test(cardText(cardOf(r))));

/** Alex asks to block the demo malware; returns the approval message and its request id. */
async function alexRequests(extra: Record<string, unknown> = {}) {
  const replies = await conv.send(cardClick(CARD_VERBS.containmentRequestBlock, { sha: SHA, ...form, ...extra }));
  const approval = approvalOf(replies);
  const approve = (cardOf(approval)?.actions as { verb?: string; data?: { requestId?: string } }[] | undefined)?.find((a) => a.verb === CARD_VERBS.containmentApprove);
  const requestId = approve?.data?.requestId ?? '';
  return { replies, approval, requestId, clicked: invokedCard(replies) };
}

const click = (who: { name: string; aadObjectId: string }, verb: string, data: Record<string, unknown>) => conv.send(as(who, cardClick(verb, data)));

describe('block a hash', () => {
  it('when a responder looks up a file, then the verdict card offers "Request block"; a reader gets no such button', async () => {
    const [forAlex] = await conv.send(message(`/hash ${SHA}`));
    expect(actionsOf(cardOf(forAlex)).map((a) => a.title)).toContain('Request block');
    const [forLee] = await conv.send(as(lee, message(`/hash ${SHA}`)));
    expect(cardText(cardOf(forLee))).toMatch(/Malicious/);
    expect(actionsOf(cardOf(forLee)).map((a) => a.title)).not.toContain('Request block');
  });

  it('when Alex requests and Megan approves, then one indicator is made and the approval message shows its id for everyone', async () => {
    const { approval, requestId, clicked } = await alexRequests();
    expect(cardText(approval && cardOf(approval))).toMatch(/Waiting for an approver[\s\S]*Alex Wilber[\s\S]*Seen in alert da123/);
    expect(cardText(clicked)).toMatch(/Block requested/);
    expect(requestId).toMatch(/^[A-Za-z0-9_-]{8,}$/);

    const replies = await click(megan, CARD_VERBS.containmentApprove, { requestId });
    const id = await indicatorIdOn(conv, SHA);
    expect(cardText(invokedCard(replies))).toMatch(new RegExp(`Approved by Megan Bowen: done\\. Indicator ${id}\\b`));
    expect(indicatorPosts(conv)).toHaveLength(1);
    expect(indicatorPosts(conv)[0]).toMatchObject({ indicatorValue: SHA, indicatorType: 'FileSha256', action: 'Block', title: 'EICAR' });
    const last = conv.updates.at(-1);
    expect(last?.id).toBe(approval?.id);
    expect(cardText(cardOf(last))).toMatch(new RegExp(`Indicator id\\n${id}(\\n|$)`));
    expect(actionsOf(cardOf(last))).toHaveLength(0);
  });

  it('when Alex, a responder and approver, approves his own request, then four-eyes refuses and nothing runs', async () => {
    await conv.stop();
    const dir = mkdtempSync(join(tmpdir(), 'verdict-roles-'));
    const rolesFile = join(dir, 'roles.json');
    writeFileSync(rolesFile, JSON.stringify({ users: { [alex.aadObjectId]: ['responder', 'approver'], [megan.aadObjectId]: ['approver'] } }));
    conv = await startConversation({ ROLES_FILE: rolesFile });
    const { requestId } = await alexRequests();
    expect(requestId).not.toBe('');
    const card = invokedCard(await conv.send(cardClick(CARD_VERBS.containmentApprove, { requestId })));
    expect(cardText(card)).toMatch(/your own request/);
    expect(indicatorPosts(conv)).toHaveLength(0);
    expect(conv.updates).toHaveLength(0);
  });

  it('when Lee (reader) clicks Approve, then he is not allowed; Diego (no role) is refused outright', async () => {
    const { requestId } = await alexRequests();
    expect(cardText(invokedCard(await click(lee, CARD_VERBS.containmentApprove, { requestId })))).toMatch(/approver role/);
    expect(cardText(invokedCard(await click(diego, CARD_VERBS.containmentApprove, { requestId })))).toMatch(/don't have a Verdict role/);
    expect(indicatorPosts(conv)).toHaveLength(0);
  });

  it('when a reader forges the request-block click, then the server refuses and nothing is posted', async () => {
    const replies = await click(lee, CARD_VERBS.containmentRequestBlock, { sha: SHA, ...form, role: 'responder' });
    expect(cardText(invokedCard(replies))).toMatch(/responder role/);
    expect(approvalOf(replies)).toBeUndefined();
  });

  it('when the click data claims a role, a requester or another hash, then only requestId is read', async () => {
    const { requestId } = await alexRequests({ verdict: 'Clean', requester: megan.aadObjectId, indicatorValue: DEMO_FILES.clean.sha256 });
    const forged = { requestId, roles: ['approver'], aadObjectId: megan.aadObjectId, sha: DEMO_FILES.clean.sha256 };
    expect(cardText(invokedCard(await click(lee, CARD_VERBS.containmentApprove, forged)))).toMatch(/approver role/);
    await click(megan, CARD_VERBS.containmentApprove, { requestId });
    expect(indicatorPosts(conv).map((s) => s.indicatorValue)).toEqual([SHA]);
    expect(indicatorPosts(conv)[0]?.description).toBe('Test malware');
  });

  it('when the request id is unknown or malformed, then the card says there is no such request', async () => {
    expect(cardText(invokedCard(await click(megan, CARD_VERBS.containmentApprove, { requestId: 'AAAAAAAAAAAAAAAAAAAAAA' })))).toMatch(/No such containment request/);
    expect(cardText(invokedCard(await click(megan, CARD_VERBS.containmentApprove, { requestId: '../../etc' })))).toMatch(/not valid/);
  });

  it('when two approvers click at once, then exactly one indicator is made and the other is told it is decided', async () => {
    const { requestId } = await alexRequests();
    const carol = { name: 'Megan Bowen', aadObjectId: megan.aadObjectId };
    const [a, b] = await Promise.all([click(megan, CARD_VERBS.containmentApprove, { requestId }), click(carol, CARD_VERBS.containmentApprove, { requestId })]);
    expect(indicatorPosts(conv)).toHaveLength(1);
    const id = await indicatorIdOn(conv, SHA);
    const texts = [a, b].map((r) => cardText(invokedCard(r)));
    expect(texts.filter((t) => new RegExp(`done\\. Indicator ${id}\\b`).test(t)).length).toBeGreaterThanOrEqual(1);
  });

  it('when the hash is already blocked, then no request is made and the existing indicator is shown', async () => {
    portalIndicator(conv, { id: '42', indicatorValue: SHA, action: 'Block', expirationTime: null, createdBy: 'soc@contoso.com' });
    const { approval, clicked } = await alexRequests();
    expect(approval).toBeUndefined();
    expect(cardText(clicked)).toMatch(/Already blocked by indicator #42[\s\S]*never[\s\S]*soc@contoso\.com/);
  });

  it('when the hash has an Allowed indicator, then Block still goes to an approver, and both cards say indicator #7 (Allowed) is replaced', async () => {
    portalIndicator(conv, { id: '7', indicatorValue: SHA, action: 'Allowed', expirationTime: null, createdBy: 'helpdesk@contoso.com' });
    const { approval, clicked } = await alexRequests();
    expect(cardText(cardOf(approval))).toMatch(/^This SHA-256 already has indicator #7 \(Allowed\)\. Approving replaces it/);
    expect(cardText(clicked)).toMatch(/Block requested[\s\S]*Existing indicator\n#7 \(Allowed\) on the SHA-256: approving replaces it/);
  });

  it('when Audit is asked and the hash is already blocked, then no request is made', async () => {
    portalIndicator(conv, { id: '42', indicatorValue: SHA, action: 'Block', expirationTime: null, createdBy: 'soc@contoso.com' });
    const { approval, clicked } = await alexRequests({ action: 'Audit' });
    expect(approval).toBeUndefined();
    expect(cardText(clicked)).toMatch(/Already blocked by indicator #42/);
  });

  it('when MDE refuses the indicator (403), then the approval card shows the failure naming Ti.ReadWrite.All', async () => {
    const { requestId } = await alexRequests();
    failNextIndicatorPost(conv, { status: 403, code: 'Forbidden', target: 'corr-123' });
    const card = invokedCard(await click(megan, CARD_VERBS.containmentApprove, { requestId }));
    expect(cardText(card)).toMatch(/Defender did not do it[\s\S]*Ti\.ReadWrite\.All[\s\S]*corr-123/);
  });

  it('when Megan denies with a comment, then the message shows the denial for everyone; without one, she is asked why', async () => {
    const { requestId, approval } = await alexRequests();
    expect(cardText(invokedCard(await click(megan, CARD_VERBS.containmentDeny, { requestId })))).toMatch(/Say why/);
    const card = invokedCard(await click(megan, CARD_VERBS.containmentDeny, { requestId, comment: 'Test file, leave it' }));
    expect(cardText(card)).toMatch(/Denied by Megan Bowen[\s\S]*Test file, leave it/);
    expect(conv.updates.at(-1)?.id).toBe(approval?.id);
    expect(indicatorPosts(conv)).toHaveLength(0);
  });

  it('when a forged deny carries a comment over 1,000 characters, then the card shows the request, still waiting, with why it was refused', async () => {
    const { requestId } = await alexRequests();
    const text = cardText(invokedCard(await click(megan, CARD_VERBS.containmentDeny, { requestId, comment: 'x'.repeat(1_500) })));
    expect(text).toContain('That was not a valid decision (is the comment too long?)');
    expect(text).toContain('Waiting for an approver');
    // Ids are escaped for the card's markdown like every outside string ('_' → '\\_').
    expect(text).toContain(safeText(requestId, 64));
  });

  it('when Alex cancels his request, then it is cancelled; Megan cannot cancel it', async () => {
    const { requestId } = await alexRequests();
    expect(cardText(invokedCard(await click(megan, CARD_VERBS.containmentCancel, { requestId })))).toMatch(/can't cancel this request: only the person who asked|Only the person who asked/);
    expect(cardText(invokedCard(await conv.send(cardClick(CARD_VERBS.containmentCancel, { requestId }))))).toMatch(/Cancelled by Alex Wilber/);
  });

  it('when the refresh view is asked, then an approver gets Approve/Deny, the requester Cancel, a reader no buttons', async () => {
    const { requestId } = await alexRequests();
    const titles = async (who: { name: string; aadObjectId: string }) => actionsOf(invokedCard(await click(who, CARD_VERBS.containmentView, { requestId }))).map((a) => a.title);
    expect(await titles(megan)).toEqual(['Approve', 'Deny']);
    expect(await titles(alex)).toEqual(['Cancel request']);
    expect(await titles(lee)).toEqual([]);
  });

  it('when nobody decides within CONTAINMENT_TTL_MINUTES, then a late Approve is refused as expired and the message is redrawn', async () => {
    await conv.stop();
    let offset = 0;
    conv = await startConversation({ CONTAINMENT_TTL_MINUTES: '5' }, { now: () => Date.now() + offset });
    const { requestId, approval } = await alexRequests();
    offset = 6 * 60_000;
    const card = invokedCard(await click(megan, CARD_VERBS.containmentApprove, { requestId }));
    expect(cardText(card)).toMatch(/expired/i);
    expect(indicatorPosts(conv)).toHaveLength(0);
    expect(conv.updates.at(-1)?.id).toBe(approval?.id);
    expect(cardText(cardOf(conv.updates.at(-1)))).toMatch(/Expired: nobody decided in time/);
  });

  it('when MDE takes a while, then everyone sees "executing" first and the outcome after, and the click gets the outcome', async () => {
    const { requestId, approval } = await alexRequests();
    slowNextIndicatorPost(conv, 300);
    const replies = await click(megan, CARD_VERBS.containmentApprove, { requestId });
    const id = await indicatorIdOn(conv, SHA);
    expect(cardText(invokedCard(replies))).toMatch(new RegExp(`done\\. Indicator ${id}\\b`));
    expect(conv.updates.map((u) => u.id)).toEqual([approval?.id, approval?.id]);
    expect(conv.updates.map((u) => cardText(cardOf(u)).split('\n')[1])).toEqual(['Approved by Megan Bowen: executing in Defender…', `Approved by Megan Bowen: done. Indicator ${id}`]);
  });
});
