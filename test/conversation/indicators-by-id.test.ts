import { CARD_VERBS } from '../../src/cards/card-verbs';
import { DEMO_USERS } from '../../src/sandbox/demo-tenant';
import { executeActions } from '../support/card-nodes';
import { cardOf, cardText } from '../support/card-text';
import { as, cardClick, invokedCard, message, startConversation, type Conversation } from '../support/conversation';

/** `/indicators remove|extend <id …>`: exactly those indicators, read from Defender first, one approval. */
jest.setTimeout(60_000);
const { megan, lee } = DEMO_USERS;

let conv: Conversation;
beforeEach(async () => {
  conv = await startConversation({ SANDBOX_SYNTHETIC_INDICATORS: '50', MDE_CACHE_TTL_SECONDS: '0' });
});
afterEach(() => conv.stop());

const listed = async () => (await conv.built.deps.indicators?.listAll()) ?? [];

async function chosen(command: string, verb: string) {
  const replies = await conv.send(message(command));
  const card = cardOf(replies.at(-1));
  const send = executeActions(card).find((a) => a.verb === verb);
  return { text: cardText(card), setId: send ? String(send.data.setId) : '' };
}

async function approve(verb: string, form: Record<string, string>, approvalText: RegExp) {
  const replies = await conv.send(cardClick(verb, { reason: 'typed by id', ...form }));
  const approval = replies.find((r) => r.type === 'message' && approvalText.test(cardText(cardOf(r))));
  const requestId = String(executeActions(cardOf(approval)).find((a) => a.verb === CARD_VERBS.containmentApprove)?.data.requestId ?? '');
  return cardText(invokedCard(await conv.send(as(megan, cardClick(CARD_VERBS.containmentApprove, { requestId })))));
}

describe('/indicators remove <id …>', () => {
  it('when Alex types two ids and one Defender does not have, then the card shows the two as Defender has them, lists the other, and Megan’s approval removes exactly those two', async () => {
    const before = await listed();
    const [a, b] = before;
    const { text, setId } = await chosen(`/indicators remove ${a?.id} ${b?.id} 987654321`, CARD_VERBS.indicatorsRemoveRequest);
    expect(text).toContain('Indicators to remove: 2');
    expect(text).toContain(`#${a?.id}`);
    expect(text).toContain(String(a?.indicatorValue).slice(0, 12));
    expect(text).toContain('Not in Defender (left out): 987654321');
    expect(text).toContain('Remove the 2 chosen');

    const decided = await approve(CARD_VERBS.indicatorsRemoveRequest, { setId }, /REMOVE/);
    expect(decided).toContain('done, 2/2 removed');
    const left = new Set((await listed()).map((i) => i.id));
    expect([left.has(String(a?.id)), left.has(String(b?.id)), left.size]).toEqual([false, false, before.length - 2]);
  });

  it('when ids are not Defender ids, too many, or none is in Defender, then nothing is offered and the answer says why', async () => {
    expect((await chosen('/indicators remove 12 __proto__ abc', CARD_VERBS.indicatorsRemoveRequest)).text).toMatch(/Not indicator ids[\s\S]*are numbers: .*proto.*, abc$/m);
    const many = Array.from({ length: 501 }, (_, i) => String(i + 1)).join(' ');
    expect((await chosen(`/indicators remove ${many}`, CARD_VERBS.indicatorsRemoveRequest)).text).toContain('At most 500 at a time; you gave 501.');
    const none = await chosen('/indicators remove 987654321', CARD_VERBS.indicatorsRemoveRequest);
    expect([none.setId, none.text.includes('None of these indicators is in Defender')]).toEqual(['', true]);
  });

  it('when a reader or an approver without the responder role types ids, then they are refused', async () => {
    const [a] = await listed();
    const byLee = cardText(cardOf((await conv.send(as(lee, message(`/indicators remove ${a?.id}`)))).at(-1)));
    expect(byLee).toContain('the responder or approver role');
    const byMegan = cardText(cardOf((await conv.send(as(megan, message(`/indicators remove ${a?.id}`)))).at(-1)));
    expect(byMegan).toContain('the responder role');
  });
});

describe('/indicators extend <id …>', () => {
  it('when Alex types one id and Megan approves, then that indicator alone expires 30 days later', async () => {
    const dated = (await listed()).filter((i) => i.expirationTime && Date.parse(i.expirationTime) > Date.now());
    const [one, other] = dated;
    const { text, setId } = await chosen(`/indicators extend ${one?.id}`, CARD_VERBS.indicatorsExtendRequest);
    expect(text).toContain('Extend the 1 chosen');

    const decided = await approve(CARD_VERBS.indicatorsExtendRequest, { setId, byDays: '30' }, /extend the expiry of 1/);
    expect(decided).toContain('done, 1/1 extended');
    const after = new Map((await listed()).map((i) => [i.id, i.expirationTime]));
    expect(Date.parse(after.get(String(one?.id)) ?? '')).toBeGreaterThanOrEqual(Date.parse(String(one?.expirationTime)) + 29 * 86_400_000);
    expect(after.get(String(other?.id))).toBe(other?.expirationTime);
  });
});
