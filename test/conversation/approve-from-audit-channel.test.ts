import type { Activity } from 'botbuilder';
import type { Card } from '../../src/cards/card';
import type { CardRef } from '../../src/app/card-updater';
import { auditChannelCard } from '../../src/cards/audit-channel-card';
import { CARD_VERBS } from '../../src/cards/card-verbs';
import { DEMO_FILES, DEMO_TENANT_ID, DEMO_USERS } from '../../src/sandbox/demo-tenant';
import { cardOf, cardText } from '../support/card-text';
import { as, cardClick, invokedCard, startConversation, type Conversation } from '../support/conversation';

/*
 * A request made in Alex's personal chat with Verdict: no approver can see that chat, so its audit
 * channel card carries Approve / Deny. Megan approves there; Alex's card is redrawn proactively.
 */
jest.setTimeout(30_000);
const AUDIT_THREAD = '19:verdict-demo-audit@thread.tacv2;messageid=1700000000001';
const SERVICE_URL = 'https://smba.trafficmanager.net/emea/';
const inAuditChannel = (activity: Partial<Activity>): Partial<Activity> => ({
  ...activity,
  conversation: { id: AUDIT_THREAD, conversationType: 'channel', isGroup: true, name: '' },
  channelData: { tenant: { id: DEMO_TENANT_ID }, channel: { id: '19:verdict-demo-audit@thread.tacv2' } },
});

let conv: Conversation;
const proactive: [CardRef, Card][] = [];
beforeEach(async () => {
  proactive.splice(0);
  // As with a bot app id: Teams' serviceUrl (checked by botbuilder against the caller's token) is kept.
  conv = await startConversation({}, { cards: { update: async (ref, card) => void proactive.push([ref, card]) }, trustServiceUrl: () => true });
});
afterEach(() => conv.stop());

function blockForm() {
  return {
    sha: DEMO_FILES.malware.sha256,
    action: 'Block',
    severity: 'High',
    expiryDays: '30',
    title: 'Verdict: block EICAR',
    description: 'EICAR test file',
    reason: 'Seen on a workstation',
  };
}

describe('approving from the audit channel', () => {
  it('when a request made in a personal chat is approved from its audit channel card, then the requester’s card is redrawn with the outcome', async () => {
    const replies = await conv.send({ ...cardClick(CARD_VERBS.containmentRequestBlock, blockForm()), serviceUrl: SERVICE_URL });
    const approval = replies.find((r) => r.type === 'message' && /Containment request/.test(cardText(cardOf(r))));
    expect(approval?.id).toBeDefined();

    const [requested] = (await conv.built.journal.read({ since: 0, limit: 50 })).filter((e) => e.type === 'containment.requested');
    if (!requested?.requestId) throw new Error('no request journaled');
    const channelCard = auditChannelCard(requested) as { actions?: { verb?: string; title?: string }[]; refresh?: unknown };
    const approve = channelCard.actions?.find((a) => a.verb === CARD_VERBS.containmentApprove);
    expect(approve).toBeDefined();
    expect(channelCard.refresh).toBeDefined();
    expect(cardText(channelCard as never)).toContain('a personal chat with Verdict');

    const clicked = await conv.send(inAuditChannel(as(DEMO_USERS.megan, cardClick(CARD_VERBS.containmentApprove, { requestId: requested.requestId }))));
    expect(cardText(invokedCard(clicked))).toMatch(/Approved by Megan Bowen: done\. Indicator \d+/);

    const redrawn = proactive.filter(([ref]) => ref.activityId === approval?.id);
    expect(redrawn.map(([ref]) => ref)).toContainEqual({ conversationId: 'a:personal-chat', serviceUrl: SERVICE_URL, activityId: approval?.id });
    expect(cardText(redrawn.at(-1)?.[1] as never)).toMatch(/Approved by Megan Bowen: done\. Indicator \d+/);
  });

  it('when the requester (a responder) clicks Approve on the audit channel card, then it is refused there as anywhere and nothing is redrawn', async () => {
    await conv.send({ ...cardClick(CARD_VERBS.containmentRequestBlock, blockForm()), serviceUrl: SERVICE_URL });
    const [requested] = (await conv.built.journal.read({ since: 0, limit: 50 })).filter((e) => e.type === 'containment.requested');
    const clicked = await conv.send(inAuditChannel(cardClick(CARD_VERBS.containmentApprove, { requestId: requested?.requestId ?? '' })));
    expect(cardText(invokedCard(clicked))).toMatch(/approve this request: that needs the Verdict approver role/);
    expect((await conv.built.journal.read({ since: 0, limit: 50 })).map((e) => e.type)).toContain('containment.refused');
    expect(proactive).toEqual([]);
  });
});
