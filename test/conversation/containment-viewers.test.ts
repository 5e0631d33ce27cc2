import type { Activity } from 'botbuilder';
import type { RosterMember } from '../../src/app/roster';
import { CARD_VERBS } from '../../src/cards/card-verbs';
import { DEMO_FILES, DEMO_USERS } from '../../src/sandbox/demo-tenant';
import { cardOf, cardText } from '../support/card-text';
import { as, cardClick, invokedCard, startConversation, type Conversation } from '../support/conversation';

/*
 * Teams' user-specific views: the approval card names, in refresh.userIds, the approvers in the
 * conversation (roles from the sandbox's Graph: Megan) and the requester; with a bot identity
 * (Teams) the card as posted carries no buttons, and each viewer's refresh brings their own.
 */
jest.setTimeout(30_000);
const SERVICE_URL = 'https://smba.trafficmanager.net/emea/';
const CHANNEL = { id: '19:soc@thread.tacv2;messageid=1', conversationType: 'channel', isGroup: true, name: '' };
const mri = (user: { name: string }) => `29:${user.name.split(' ')[0]?.toLowerCase()}`;
const member = (user: { name: string; aadObjectId: string }): RosterMember => ({ id: mri(user), aadObjectId: user.aadObjectId, name: user.name });
const form = { sha: DEMO_FILES.malware.sha256, action: 'Block', severity: 'High', expiryDays: '30', title: 'EICAR', description: 'Test malware', reason: 'Advisory 42' };

let conv: Conversation;
const asked: string[] = [];
async function start(perUserViews: boolean, members: RosterMember[]) {
  asked.splice(0);
  conv = await startConversation(
    {},
    { perUserViews, trustServiceUrl: () => true, roster: { members: async (ref) => (asked.push(ref.conversationId), members) } },
  );
}
afterEach(() => conv.stop());

const inChannel = (activity: Partial<Activity>): Partial<Activity> => ({ ...activity, serviceUrl: SERVICE_URL, conversation: CHANNEL });
type Action = { title?: string; verb?: string; data?: { requestId?: string } };

async function requestInChannel() {
  const replies = await conv.send(inChannel(as(DEMO_USERS.alex, cardClick(CARD_VERBS.containmentRequestBlock, form))));
  const approval = replies.find((r) => r.type === 'message' && /Containment request/.test(cardText(cardOf(r))));
  const card = cardOf(approval) as unknown as { actions?: Action[]; refresh?: { action: Action; userIds?: string[] } };
  const requestId = card.refresh?.action.data?.requestId ?? '';
  return { card, requestId, text: cardText(card as never) };
}

const viewAs = async (user: { name: string; aadObjectId: string }, requestId: string) => {
  const view = cardClick(CARD_VERBS.containmentView, { requestId });
  const automatic = { ...view, value: { ...(view.value as object), trigger: 'automatic' } };
  const card = invokedCard(await conv.send(inChannel(as(user, automatic)))) as { actions?: Action[] };
  return (card.actions ?? []).map((a) => a.title);
};

describe('who sees which buttons on an approval card', () => {
  it('when Teams gives per-user views, then the posted card has no buttons and refresh brings Megan Approve/Deny, Alex Cancel and Lee nothing', async () => {
    await start(true, [member(DEMO_USERS.alex), member(DEMO_USERS.megan), member(DEMO_USERS.lee)]);
    const { card, requestId, text } = await requestInChannel();
    expect(asked).toEqual([CHANNEL.id]);
    expect(card.actions ?? []).toEqual([]);
    expect(card.refresh?.userIds).toEqual([mri(DEMO_USERS.alex), mri(DEMO_USERS.megan)]);
    expect(text).toMatch(/Can decide here\s*Megan Bowen/);

    expect(await viewAs(DEMO_USERS.megan, requestId)).toEqual(['Approve', 'Deny']);
    expect(await viewAs(DEMO_USERS.alex, requestId)).toEqual(['Cancel request']);
    expect(await viewAs(DEMO_USERS.lee, requestId)).toEqual([]);
    // Buttons are a view: a reader's forged click is still refused on the server.
    const forged = cardText(invokedCard(await conv.send(inChannel(as(DEMO_USERS.lee, cardClick(CARD_VERBS.containmentApprove, { requestId }))))));
    expect(forged).toMatch(/needs the Verdict approver role/);
  });

  it('when the client has no per-user views (a local run, the Playground), then the posted card keeps every button, and still lists the viewers', async () => {
    await start(false, [member(DEMO_USERS.alex), member(DEMO_USERS.megan)]);
    const { card } = await requestInChannel();
    expect((card.actions ?? []).map((a) => a.title)).toEqual(['Approve', 'Deny', 'Cancel request']);
    expect(card.refresh?.userIds).toEqual([mri(DEMO_USERS.alex), mri(DEMO_USERS.megan)]);
  });

  it('when no approver is in the conversation, then the card says so and only the requester is refreshed', async () => {
    await start(true, [member(DEMO_USERS.alex), member(DEMO_USERS.lee)]);
    const { card, text } = await requestInChannel();
    expect(card.refresh?.userIds).toEqual([mri(DEMO_USERS.alex)]);
    expect(text).toMatch(/Can decide here\s*no approver is in this conversation/);
  });

  it('when the roster cannot be read, then the card goes out with every button and no userIds', async () => {
    asked.splice(0);
    conv = await startConversation({}, { perUserViews: true, trustServiceUrl: () => true, roster: { members: async () => Promise.reject(new Error('403')) } });
    const { card, text } = await requestInChannel();
    expect((card.actions ?? []).map((a) => a.title)).toEqual(['Approve', 'Deny', 'Cancel request']);
    expect(card.refresh?.userIds).toBeUndefined();
    expect(text).not.toContain('Can decide here');
  });
});
