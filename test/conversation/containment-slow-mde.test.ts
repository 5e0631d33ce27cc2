import type { Card } from '../../src/cards/card';
import type { CardRef } from '../../src/app/card-updater';
import { CARD_VERBS } from '../../src/cards/card-verbs';
import { DEMO_FILES, DEMO_USERS } from '../../src/sandbox/demo-tenant';
import { cardOf, cardText } from '../support/card-text';
import { as, cardClick, invokedCard, startConversation, type Conversation } from '../support/conversation';

/*
 * Teams gives a click 5-15 s to be answered. When Defender is slower (latency, or a 429 whose
 * Retry-After the MDE client waits out), the click is answered with the "executing…" card and the
 * outcome reaches everyone's card proactively, still from exactly one MDE call.
 */
jest.setTimeout(30_000);
const SERVICE_URL = 'https://smba.trafficmanager.net/emea/';
const form = { sha: DEMO_FILES.malware.sha256, action: 'Block', severity: 'High', expiryDays: '30', title: 'EICAR', description: 'Test malware', reason: 'Advisory 42' };

let conv: Conversation;
const proactive: [CardRef, Card][] = [];
beforeEach(async () => {
  proactive.splice(0);
  conv = await startConversation({}, { cards: { update: async (ref, card) => void proactive.push([ref, card]) }, trustServiceUrl: () => true, answerWithinMs: 300 });
});
afterEach(() => conv.stop());

async function request(): Promise<{ requestId: string; approvalId: string }> {
  const replies = await conv.send({ ...cardClick(CARD_VERBS.containmentRequestBlock, form), serviceUrl: SERVICE_URL });
  const approval = replies.find((r) => r.type === 'message' && /Containment request/.test(cardText(cardOf(r))));
  const actions = (cardOf(approval)?.actions ?? []) as { verb?: string; data?: { requestId?: string } }[];
  const requestId = actions.find((a) => a.verb === CARD_VERBS.containmentApprove)?.data?.requestId;
  if (!requestId || !approval?.id) throw new Error('no approval card');
  return { requestId, approvalId: approval.id };
}

const indicatorCalls = () => conv.built.sandbox?.stats().byFamily.indicators ?? 0;
const approve = (requestId: string) => conv.send({ ...as(DEMO_USERS.megan, cardClick(CARD_VERBS.containmentApprove, { requestId })), serviceUrl: SERVICE_URL });
const outcomeFor = (activityId: string) => proactive.filter(([ref]) => ref.activityId === activityId).map(([, card]) => cardText(card as never));

describe('approving while Defender is slow', () => {
  it.each([
    ['answers after 1.5 s', { type: 'latency' as const, ms: 1500 }, 1],
    ['throttles the POST (429, Retry-After 1 s)', { type: 'status' as const, status: 429, code: 'TooManyRequests', retryAfterSeconds: 1 }, 2],
  ])('when Defender %s, then the click is answered at once with "executing…" and everyone’s card gets the indicator when it comes', async (_what, fault, calls) => {
    const { requestId, approvalId } = await request();
    conv.built.sandbox?.faults.inject({ family: 'indicators', ...fault });
    const before = indicatorCalls();

    const answer = cardText(invokedCard(await approve(requestId)));
    expect(answer).toContain('Approved by Megan Bowen: executing in Defender');
    expect(answer).toContain('Defender has not answered yet');
    expect(answer).not.toMatch(/Indicator \d+/);

    await conv.built.deps.containment?.background?.drain();
    expect(outcomeFor(approvalId).at(-1)).toMatch(/Approved by Megan Bowen: done\. Indicator \d+/);
    // A throttled POST is sent again after Retry-After (MDE did not take it); a slow one is not.
    expect(indicatorCalls() - before).toBe(calls);
    const types = (await conv.built.journal.read({ since: 0, limit: 50 })).map((e) => e.type);
    expect(types.filter((t) => t === 'containment.succeeded')).toHaveLength(1);
  });

  it('when Verdict stops while an approval is still in Defender, then it waits for the outcome before closing the journal', async () => {
    const { requestId, approvalId } = await request();
    conv.built.sandbox?.faults.inject({ family: 'indicators', type: 'latency', ms: 1000 });
    expect(cardText(invokedCard(await approve(requestId)))).toContain('Defender has not answered yet');
    const { journal } = conv.built;
    await conv.built.stop();
    expect(outcomeFor(approvalId).at(-1)).toMatch(/done\. Indicator \d+/);
    await expect(journal.append({ type: 'command.run', actor: { name: 'test' } })).rejects.toThrow();
  });

  it('when Defender answers within the time, then the click itself is answered with the outcome', async () => {
    const { requestId } = await request();
    expect(cardText(invokedCard(await approve(requestId)))).toMatch(/Approved by Megan Bowen: done\. Indicator \d+/);
  });
});
