import type { Activity } from 'botbuilder';
import { CARD_VERBS } from '../../src/cards/card-verbs';
import { DEMO_FILES, DEMO_USERS } from '../../src/sandbox/demo-tenant';
import { executeActions } from '../support/card-nodes';
import { cardOf, cardText } from '../support/card-text';
import { as, cardClick, invokedCard, message, startConversation, type Conversation } from '../support/conversation';

/** "Block the N not covered": coverage card → form → one approval for the set → import → results. */
jest.setTimeout(30_000);
const { megan, lee } = DEMO_USERS;

let conv: Conversation;
afterEach(() => conv.stop());

const ADVISORY = `TA-2026-12: ${DEMO_FILES.malware.sha256} ${DEMO_FILES.unknown.sha256} hxxp://evil-dl[.]top/a.exe 45.13.227[.]12 evil-c2(.)top 10.0.0.5`;
const FORM = { fileAction: 'Block', networkAction: 'Block', severity: 'High', expiryDays: '30', title: 'TA-2026-12', description: 'Advisory IoCs', reason: 'Active campaign' };

/** The coverage card's "Send for approval" (inside the "Block the N not covered" form) and its set id. */
function blockButton(replies: Partial<Activity>[]) {
  const coverage = cardOf(replies.at(-1));
  const send = executeActions(coverage).find((a) => a.verb === CARD_VERBS.indicatorsBlockRequest);
  return { text: cardText(coverage), setId: String(send?.data.setId ?? '') };
}

async function requestBlock(form: Record<string, string> = FORM) {
  const pasted = await conv.send(message(ADVISORY));
  const { setId, text } = blockButton(pasted);
  const coverageId = pasted.at(-1)?.id ?? '';
  const replies = await conv.send({ ...cardClick(CARD_VERBS.indicatorsBlockRequest, { setId, ...form }), replyToId: coverageId });
  const approval = replies.find((r) => r.type === 'message' && /add \d+ custom indicators/.test(cardText(cardOf(r))));
  const requestId = String(executeActions(cardOf(approval)).find((a) => a.verb === CARD_VERBS.containmentApprove)?.data.requestId ?? '');
  return { coverageText: text, coverageId, setId, replies, approval, requestId, answer: cardText(invokedCard(replies)) };
}

describe('blocking an advisory\'s uncovered IoCs', () => {
  beforeEach(async () => {
    conv = await startConversation({ MDE_CACHE_TTL_SECONDS: '0' });
  });

  it('when Alex sends the not-covered set and Megan approves, then one import brings all four into Defender and the quota moves by four', async () => {
    const asked = await requestBlock();
    expect(asked.coverageText).toContain('Block the 4 not covered');
    expect(asked.answer).toMatch(/^Block of 4 IoCs requested/);
    expect(cardText(cardOf(asked.approval))).toContain('1 files, 3 IPs, domains or URLs');
    const before = conv.built.sandbox?.stats().byFamily['indicators-import'] ?? 0;
    const decided = cardText(invokedCard(await conv.send(as(megan, cardClick(CARD_VERBS.containmentApprove, { requestId: asked.requestId })))));
    expect(decided).toContain('Approved by Megan Bowen: done, 4/4 in Defender.');
    // The card Alex asked from now says where each item ended.
    const redrawn = cardText(cardOf(conv.updates.find((u) => u.id === asked.coverageId)));
    expect(redrawn).toMatch(/^Block of 4 IoCs: request /);
    expect(redrawn).toContain('4 created, 0 already-present, 0 confirmed, 0 failed');
    expect((conv.built.sandbox?.stats().byFamily['indicators-import'] ?? 0) - before).toBe(1);
    const values = (await conv.built.deps.indicators?.listAll())?.map((i) => i.indicatorValue);
    expect(values).toEqual(expect.arrayContaining([DEMO_FILES.unknown.sha256, 'http://evil-dl.top/a.exe', '45.13.227.12', 'evil-c2.top']));
    // The same advisory now: everything is covered, nothing is offered.
    const again = blockButton(await conv.send(message(ADVISORY)));
    expect(again.text).toContain('Custom indicators: 5 of 15,000 used.');
    expect(again.setId).toBe('');
  });

  it('when the form asks BlockAndRemediate for network IoCs, then nothing is requested and the form problem is named', async () => {
    const asked = await requestBlock({ ...FORM, networkAction: 'BlockAndRemediate' });
    expect(asked.answer).toMatch(/^Block not requested: please fix the form/);
    expect(asked.answer).toContain('networkAction');
    expect(asked.requestId).toBe('');
  });

  it('when a reader sees the coverage card, then no block is offered', async () => {
    const { text, setId } = blockButton(await conv.send(as(lee, message(ADVISORY))));
    expect(text).toMatch(/^Coverage of 6 IoCs/);
    expect(setId).toBe('');
  });
});

describe('blocking against a nearly full tenant', () => {
  beforeEach(async () => {
    conv = await startConversation({ MDE_CACHE_TTL_SECONDS: '0', SANDBOX_SYNTHETIC_INDICATORS: '15787' });
  });

  // 15,787 feed indicators, 789 of them expired: 14,998 active, 14,999 with the demo block.
  it('when the set would pass 15,000 active indicators, then it is refused before anything is sent, with the numbers', async () => {
    const before = conv.built.sandbox?.stats().byFamily['indicators-import'] ?? 0;
    const asked = await requestBlock();
    expect(asked.answer).toMatch(/^Block of 4 IoCs not requested/);
    expect(asked.answer).toContain('15,000');
    expect(asked.requestId).toBe('');
    expect((conv.built.sandbox?.stats().byFamily['indicators-import'] ?? 0) - before).toBe(0);
  });
});
