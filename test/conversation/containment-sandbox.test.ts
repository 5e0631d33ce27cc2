import type { Activity } from 'botbuilder';
import { DEMO_FILES, DEMO_USERS } from '../../src/sandbox/demo-tenant';
import { CARD_VERBS } from '../../src/cards/card-verbs';
import { cardOf, cardText } from '../support/card-text';
import { as, cardClick, invokedCard, startConversation, type Conversation } from '../support/conversation';

/* The block flow as main.ts wires it: the real MDE containment gateways against the sandbox. */
jest.setTimeout(30_000);
const SHA = DEMO_FILES.malware.sha256;
const { megan } = DEMO_USERS;

let conv: Conversation;
beforeEach(async () => {
  conv = await startConversation();
});
afterEach(() => conv.stop());

const form = { action: 'Block', generateAlert: 'true', severity: 'High', expiryDays: '30', title: 'EICAR', description: 'Test malware', reason: 'Advisory 42' };

async function request(): Promise<{ requestId: string; approval?: Partial<Activity> }> {
  const replies = await conv.send(cardClick(CARD_VERBS.containmentRequestBlock, { sha: SHA, ...form }));
  const approval = replies.find((r) => r.type === 'message' && /Containment request/.test(cardText(cardOf(r))));
  const actions = (cardOf(approval)?.actions ?? []) as { verb?: string; data?: { requestId?: string } }[];
  const requestId = actions.find((a) => a.verb === CARD_VERBS.containmentApprove)?.data?.requestId ?? '';
  if (!requestId) throw new Error(`no approval card: ${cardText(invokedCard(replies))}`);
  return { requestId, approval };
}

const approve = (requestId: string) => conv.send(as(megan, cardClick(CARD_VERBS.containmentApprove, { requestId })));

describe('block a hash against the sandbox', () => {
  it('when Alex requests and Megan approves, then the card shows the indicator MDE made; asking again shows it as already blocked', async () => {
    const { requestId, approval } = await request();
    const text = cardText(invokedCard(await approve(requestId)));
    const id = /done\. Indicator (\S+)/.exec(text)?.[1];
    expect(id).toBeDefined();
    expect(conv.updates.at(-1)?.id).toBe(approval?.id);
    const again = cardText(invokedCard(await conv.send(cardClick(CARD_VERBS.containmentRequestBlock, { sha: SHA, ...form }))));
    expect(again).toMatch(new RegExp(`Already blocked by indicator #${id}`));
    // Verdict's own indicator: MDE names its app, which is shown rather than a bare app id.
    expect(again).toMatch(/Created by\nVerdict \(app [0-9a-f-]{36}\)/);
  });

  it('when two approvals race, then MDE gets exactly one indicator POST', async () => {
    const { requestId } = await request();
    const before = conv.built.sandbox?.stats().byFamily.indicators ?? 0;
    await Promise.all([approve(requestId), approve(requestId)]);
    const posts = (conv.built.sandbox?.stats().byFamily.indicators ?? 0) - before;
    // One POST; a loser never reaches MDE.
    expect(posts).toBe(1);
  });

  it('when MDE answers 403 to the POST, then the approval card says it failed and names Ti.ReadWrite.All', async () => {
    const { requestId } = await request();
    conv.built.sandbox?.faults.inject({ family: 'indicators', type: 'status', status: 403, code: 'Forbidden' });
    const text = cardText(invokedCard(await approve(requestId)));
    expect(text).toMatch(/Defender did not do it/);
    expect(text).toMatch(/Ti\.ReadWrite\.All/);
  });
});
