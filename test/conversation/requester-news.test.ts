import type { Activity } from 'botbuilder';
import type { Card } from '../../src/cards/card';
import type { CardRef } from '../../src/app/card-updater';
import { auditChannelCard } from '../../src/cards/audit-channel-card';
import { CARD_VERBS } from '../../src/cards/card-verbs';
import { DEMO_FILES, DEMO_TENANT_ID, DEMO_USERS } from '../../src/sandbox/demo-tenant';
import { cardFacts } from '../support/card-nodes';
import { cardOf, cardText } from '../support/card-text';
import { as, cardClick, message, startConversation, type Conversation } from '../support/conversation';
import { indicatorIdOn } from '../support/sandbox-containment';

/*
 * The requester is told: when their request is decided and when it ends in Defender, a short
 * message in the conversation where they asked, and the card they asked from is redrawn.
 */
jest.setTimeout(30_000);
const SHA = DEMO_FILES.malware.sha256;
const { alex, megan } = DEMO_USERS;
const SERVICE_URL = 'https://smba.trafficmanager.net/emea/';
const GROUP = { id: '19:soc-group@thread.v2', conversationType: 'groupChat', isGroup: true, name: '' };
const inGroup = (activity: Partial<Activity>): Partial<Activity> => ({ ...activity, conversation: GROUP, serviceUrl: SERVICE_URL });
const form = { sha: SHA, action: 'Block', generateAlert: 'true', severity: 'High', expiryDays: '30', title: 'EICAR', description: 'Test malware', reason: 'Seen in alert da123' };
const messageWith = (replies: Partial<Activity>[], pattern: RegExp) => replies.find((r) => r.type === 'message' && pattern.test(cardText(cardOf(r))));

let conv: Conversation;
const proactive: { kind: 'update' | 'post'; where: Omit<CardRef, 'activityId'> & { activityId?: string }; card: Card }[] = [];
beforeEach(async () => {
  proactive.splice(0);
  conv = await startConversation({}, {
    cards: { update: async (ref, card) => void proactive.push({ kind: 'update', where: ref, card }), post: async (where, card) => void proactive.push({ kind: 'post', where, card }) },
    trustServiceUrl: () => true,
  });
});
afterEach(() => conv.stop());

/** Alex looks the file up and asks to block it from that verdict card; returns the card's message id and the request id. */
async function alexAsks(where: (a: Partial<Activity>) => Partial<Activity>) {
  const [verdict] = await conv.send(where(message(`/hash ${SHA}`)));
  const replies = await conv.send(where({ ...cardClick(CARD_VERBS.containmentRequestBlock, form), replyToId: verdict?.id }));
  const [requested] = (await conv.built.journal.read({ since: 0, limit: 50 })).filter((e) => e.type === 'containment.requested');
  expect(messageWith(replies, /Containment request/)).toBeDefined();
  return { verdictId: verdict?.id ?? '', requestId: requested?.requestId ?? '' };
}

describe('the requester hears the outcome', () => {
  it('when Megan approves in the group chat where Alex asked, then Alex is mentioned in a short message saying it is done, and his verdict card says so', async () => {
    const { verdictId, requestId } = await alexAsks(inGroup);
    const replies = await conv.send(inGroup(as(megan, cardClick(CARD_VERBS.containmentApprove, { requestId }))));

    const id = await indicatorIdOn(conv, SHA);
    const news = messageWith(replies, /news on your request/);
    const card = cardOf(news);
    expect(cardText(card)).toMatch(new RegExp(`^<at>Alex Wilber</at>, news on your request to block file 275a021bbfb6489e…:\nApproved by Megan Bowen: done\\. Indicator ${id}\\b`));
    expect(card?.msteams).toEqual({ entities: [{ type: 'mention', text: '<at>Alex Wilber</at>', mentioned: { id: '29:alex', name: alex.name } }] });
    expect(cardFacts(card)).toMatchObject({ 'Approved by': 'Megan Bowen', Request: expect.any(String) });

    const redrawn = conv.updates.find((u) => u.id === verdictId);
    expect(cardText(cardOf(redrawn))).toMatch(new RegExp(`^Malicious[\\s\\S]*Block requested[\\s\\S]*Status\nApproved by Megan Bowen: done\\. Indicator ${id}\\b`));
    expect(cardText(cardOf(redrawn))).not.toMatch(/Waiting for an approver/);
  });

  it('when Megan denies, then Alex is told who denied it and why', async () => {
    const { requestId } = await alexAsks(inGroup);
    const replies = await conv.send(inGroup(as(megan, cardClick(CARD_VERBS.containmentDeny, { requestId, comment: 'Test file, leave it' }))));
    const text = cardText(cardOf(messageWith(replies, /news on your request/)));
    expect(text).toMatch(/Denied by Megan Bowen: nothing was sent to Defender/);
    expect(text).toMatch(/Comment\nTest file, leave it/);
  });

  it('when Alex cancels his own request, then his card is redrawn but he gets no message about his own click', async () => {
    const { verdictId, requestId } = await alexAsks(inGroup);
    const replies = await conv.send(inGroup(cardClick(CARD_VERBS.containmentCancel, { requestId })));
    expect(messageWith(replies, /news on your request/)).toBeUndefined();
    expect(cardText(cardOf(conv.updates.find((u) => u.id === verdictId)))).toMatch(/Status\nCancelled by Alex Wilber \(the requester\)/);
  });

  it('when a request made in Alex’s personal chat is approved from the audit channel, then the news and the redrawn verdict card go to his personal chat proactively', async () => {
    const personal = (a: Partial<Activity>) => ({ ...a, serviceUrl: SERVICE_URL });
    const { verdictId, requestId } = await alexAsks(personal);
    const [requested] = (await conv.built.journal.read({ since: 0, limit: 50 })).filter((e) => e.type === 'containment.requested');
    expect(auditChannelCard(requested!).actions).toBeDefined();
    const inAudit = { conversation: { id: '19:audit@thread.tacv2;messageid=1', conversationType: 'channel', isGroup: true, name: '' }, channelData: { tenant: { id: DEMO_TENANT_ID } } };
    await conv.send({ ...as(megan, cardClick(CARD_VERBS.containmentApprove, { requestId })), ...inAudit });
    const id = await indicatorIdOn(conv, SHA);

    const origin = proactive.find((p) => p.kind === 'update' && p.where.activityId === verdictId);
    expect(origin?.where).toMatchObject({ conversationId: 'a:personal-chat', serviceUrl: SERVICE_URL });
    expect(cardText(origin?.card)).toMatch(new RegExp(`Status\nApproved by Megan Bowen: done\\. Indicator ${id}\\b`));
    const news = proactive.filter((p) => p.kind === 'post');
    expect(news).toHaveLength(1);
    expect(news[0]?.where).toEqual({ conversationId: 'a:personal-chat', serviceUrl: SERVICE_URL });
    // Addressed to him in his own chat: no mention needed there.
    expect(cardText(news[0]?.card)).toMatch(/^Alex Wilber, news on your request to block file[\s\S]*Approved by Megan Bowen: done/);
    expect(news[0]?.card.msteams).toBeUndefined();
  });
});
