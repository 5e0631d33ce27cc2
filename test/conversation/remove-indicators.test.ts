import { CARD_VERBS } from '../../src/cards/card-verbs';
import { DEMO_USERS } from '../../src/sandbox/demo-tenant';
import { executeActions } from '../support/card-nodes';
import { cardOf, cardText } from '../support/card-text';
import { as, cardClick, invokedCard, message, startConversation, type Conversation } from '../support/conversation';

/** Retiring the redundant indicators /indicators found: one approval, BatchDelete ≤500 a call, read back. */
jest.setTimeout(60_000);
const { megan, lee } = DEMO_USERS;

let conv: Conversation;
beforeEach(async () => {
  conv = await startConversation({ SANDBOX_SYNTHETIC_INDICATORS: '2000', MDE_CACHE_TTL_SECONDS: '0' });
});
afterEach(() => conv.stop());

async function removeButton(who = DEMO_USERS.alex) {
  const replies = await conv.send(as(who, message('/indicators')));
  const send = executeActions(cardOf(replies.at(-1))).find((a) => a.verb === CARD_VERBS.indicatorsRemoveRequest);
  return { text: cardText(cardOf(replies.at(-1))), setId: String(send?.data.setId ?? '') };
}

async function ask(form: Record<string, string>) {
  const { setId } = await removeButton();
  const replies = await conv.send(cardClick(CARD_VERBS.indicatorsRemoveRequest, { setId, reason: 'Defender detects them; free the quota', ...form }));
  const approval = replies.find((r) => r.type === 'message' && /REMOVE/.test(cardText(cardOf(r))));
  const requestId = String(executeActions(cardOf(approval)).find((a) => a.verb === CARD_VERBS.containmentApprove)?.data.requestId ?? '');
  return { answer: cardText(invokedCard(replies)), requestId };
}

describe('removing the redundant indicators', () => {
  it('when Alex asks to remove the 500 redundant and Megan approves, then one BatchDelete removes them and the tenant keeps the rest', async () => {
    const { text } = await removeButton();
    expect(text).toContain('Remove the 500 redundant');
    const asked = await ask({});
    expect(asked.answer).toMatch(/^Removal of 500 indicators requested/);
    const decided = cardText(invokedCard(await conv.send(as(megan, cardClick(CARD_VERBS.containmentApprove, { requestId: asked.requestId })))));
    expect(decided).toContain('Approved by Megan Bowen: done, 500/500 removed.');
    expect(conv.built.sandbox?.stats().byFamily['indicators-batch-delete']).toBe(1);
    expect(await conv.built.deps.indicators?.listAll()).toHaveLength(1_501);
    // Reviewed again: nothing redundant is left.
    expect((await removeButton()).setId).toBe('');
  });

  it('when two ids of the set are typed, then only those are asked for; an id outside the set is refused', async () => {
    const all = await conv.built.deps.indicators?.listAll();
    const redundant = (all ?? []).filter((i) => /^(bad0|0bad)/.test(i.indicatorValue)).map((i) => i.id);
    const some = await ask({ onlyIds: `${redundant[0]}, ${redundant[1]}` });
    expect(some.answer).toMatch(/^Removal of 2 indicators requested/);
    const outside = await ask({ onlyIds: '994' });
    expect(outside.answer).toMatch(/^Removal not requested: ids not in this set/);
    expect(outside.requestId).toBe('');
  });

  it('when a reader runs /indicators, then they are refused; an approver without the responder role sees no Remove button', async () => {
    expect((await removeButton(lee)).text).toContain('the responder or approver role');
    expect((await removeButton(megan)).setId).toBe('');
  });
});

describe('extending what expires soon', () => {
  it('when Alex asks to extend the 100 expiring within 7 days by 30 days and Megan approves, then one import updates them in place and they now expire a month later', async () => {
    const replies = await conv.send(message('/indicators'));
    const send = executeActions(cardOf(replies.at(-1))).find((a) => a.verb === CARD_VERBS.indicatorsExtendRequest);
    expect(cardText(cardOf(replies.at(-1)))).toContain('Extend the 100 expiring soon');
    const asked = await conv.send(cardClick(CARD_VERBS.indicatorsExtendRequest, { setId: String(send?.data.setId), byDays: '30', reason: 'Campaign still active' }));
    const approval = asked.find((r) => r.type === 'message' && /extend the expiry of 100/.test(cardText(cardOf(r))));
    const requestId = String(executeActions(cardOf(approval)).find((a) => a.verb === CARD_VERBS.containmentApprove)?.data.requestId ?? '');
    const before = conv.built.sandbox?.stats().byFamily['indicators-import'] ?? 0;
    const decided = cardText(invokedCard(await conv.send(as(megan, cardClick(CARD_VERBS.containmentApprove, { requestId })))));
    expect(decided).toContain('Approved by Megan Bowen: done, 100/100 extended.');
    expect((conv.built.sandbox?.stats().byFamily['indicators-import'] ?? 0) - before).toBe(1);
    const all = (await conv.built.deps.indicators?.listAll()) ?? [];
    expect(all).toHaveLength(2_001);
    const soon = all.filter((i) => i.expirationTime && Date.parse(i.expirationTime) - Date.now() <= 7 * 86_400_000 && Date.parse(i.expirationTime) > Date.now());
    expect(soon).toHaveLength(0);
  });
});
