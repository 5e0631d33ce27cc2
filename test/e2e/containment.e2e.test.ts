/**
 * Block a hash in the Teams client (Agents Playground in Chromium): Alex (responder) fills in
 * "Request block" on the verdict card, the approval card is posted, Megan (approver) approves,
 * and the card shows the indicator the sandbox's MDE made.
 */
import { DEMO_FILES } from '../../src/sandbox/demo-tenant';
import { approveAs } from './approval-steps';
import { cardTexts } from '../support/card-nodes';
import { useE2e } from './harness';

jest.setTimeout(90_000);

const e2e = useE2e();

test('when Alex requests a block of the demo malware and Megan approves, then the approval card shows the indicator id', async () => {
  await e2e.send(`/hash ${DEMO_FILES.malware.sha256}`);
  const verdict = await e2e.nextBotCard();
  expect(await e2e.cardText(verdict)).toMatch(/^Malicious/);

  await e2e.clickCardButton(verdict, 'Request block');
  await verdict.root.getByLabel('Why (the approver sees this)').fill('EICAR seen on workstation-07 (e2e)');
  const sent = await e2e.clickCardButton(verdict, 'Send for approval');
  expect(sent.kind).toBe('execute');

  const approval = await e2e.nextBotCard();
  const pending = await e2e.cardText(approval);
  expect(pending).toContain('Waiting for an approver');
  expect(pending).toContain('Alex Wilber');
  expect(pending).toContain('EICAR seen on workstation-07 (e2e)');
  await e2e.screenshot('containment-approval', approval);

  const outcome = await approveAs(e2e, approval, 'Megan Bowen');
  expect(outcome).toMatch(/Approved by Megan Bowen: done\. Indicator \S+/);
  expect(outcome).toContain('Indicator id');
});

test('when a block is requested and approved, then the audit channel shows the request, the decision and the MDE result as one thread, in order', async () => {
  const { AUDIT_CHANNEL_ID } = await import('./harness');
  // An entry's title is its card's first text (inside the container that carries its tone).
  const titles = (cards: { content: unknown }[]) => cards.map((c) => cardTexts(c.content)[0] ?? '');
  const cards = await e2e.waitForCardsIn(AUDIT_CHANNEL_ID, (all) => titles(all).includes('Defender accepted'), 'the audit thread to reach "Defender accepted"', 30_000);
  const seen = titles(cards);
  const order = ['Containment requested', 'Approved', 'Sent to Defender', 'Defender accepted'].map((t) => seen.indexOf(t));
  expect(order.every((i) => i >= 0)).toBe(true);
  expect([...order].sort((a, b) => a - b)).toEqual(order);
  // One thread, as Teams models it: the root post in the channel, the rest in `<channel>;messageid=<root id>`.
  const roots = cards.filter((c) => c.conversationId === AUDIT_CHANNEL_ID);
  expect(roots).toHaveLength(1);
  const thread = `${AUDIT_CHANNEL_ID};messageid=${roots[0]?.messageId}`;
  expect(cards.filter((c) => c.conversationId !== AUDIT_CHANNEL_ID).every((c) => c.conversationId === thread)).toBe(true);
  expect(titles(roots)).toEqual(['Containment requested']);
  expect(JSON.stringify(cards.map((c) => c.content))).toContain('Megan Bowen');

  // The root is redrawn as the request moves on: no Approve / Deny left on a decided request.
  const rootText = (all: { conversationId: string; content: unknown }[]) => JSON.stringify(all.find((c) => c.conversationId === AUDIT_CHANNEL_ID)?.content ?? {});
  const redrawn = await e2e.waitForCardsIn(AUDIT_CHANNEL_ID, (all) => rootText(all).includes('Now: Defender accepted'), 'the request root to say "Now: Defender accepted"', 15_000);
  expect(rootText(redrawn)).not.toContain('containment.approve');
  expect(rootText(redrawn)).not.toContain('"refresh"');
});
