/**
 * Approving in the e2e suites. Verdict answers an Approve click with the outcome when Defender
 * answers within a few seconds, and otherwise with the "executing…" card, redrawing the posted card
 * with the outcome when it comes. Which one a run sees depends on the machine's load, so the steps
 * here wait for the outcome either way; the slow path has its own test (approval-slow.e2e.test.ts).
 */
import { cardText as jsonText } from '../support/card-text';
import { AUDIT_CHANNEL_ID, type ChannelCard, type CardHandle, type E2e } from './harness';

export const STILL_RUNNING = 'Defender has not answered yet';

/** The card the bot answered a direct click with (asUser(...).clickCardButton), as text. */
export function answered(answer: { status: number; body: unknown }): string {
  expect(answer.status).toBe(200);
  return jsonText((answer.body as { value?: unknown } | undefined)?.value);
}

/** The card as the Playground shows it, once `done` holds (the bot updates messages in place). */
export async function shownWhen(e2e: E2e, card: CardHandle, done: (text: string) => boolean, what: string, timeoutMs = 15_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let text = await e2e.cardText(card);
  while (!done(text)) {
    if (Date.now() > deadline) throw new Error(`the card never showed ${what}; it shows:\n${text}`);
    await new Promise((r) => setTimeout(r, 100));
    text = await e2e.cardText(card);
  }
  return text;
}

/** The request id an approval card is about (its refresh names it). */
export function requestIdOf(card: CardHandle): string {
  const id = (card.json as { refresh?: { action?: { data?: { requestId?: string } } } }).refresh?.action?.data?.requestId;
  if (!id) throw new Error('the approval card names no request (no refresh)');
  return id;
}

/**
 * `name` clicks `title` on the request's card in the audit channel: where approvers decide, since
 * every request in these suites is asked in Alex's personal chat, which nobody else sees.
 */
export async function clickOnAuditCard(e2e: E2e, approval: CardHandle, name: string, title: string, inputs: Record<string, string> = {}): Promise<{ status: number; body: unknown }> {
  const requestId = requestIdOf(approval);
  const isRoot = (c: ChannelCard) => c.conversationId === AUDIT_CHANNEL_ID && JSON.stringify(c.content).includes(requestId);
  const [root] = (await e2e.waitForCardsIn(AUDIT_CHANNEL_ID, (all) => all.some(isRoot), `request ${requestId} in the audit channel`)).filter(isRoot);
  if (!root) throw new Error(`request ${requestId} is not in the audit channel`);
  const card: CardHandle = { container: approval.container, root: approval.root, json: root.content, messageId: root.messageId, position: -1 };
  return e2e.asUser(name).clickCardButton(card, title, inputs, { conversationId: AUDIT_CHANNEL_ID, conversationType: 'channel' });
}

/** `name` (an approver) approves from the audit channel; resolves with the outcome on the posted approval card, as text. */
export async function approveAs(e2e: E2e, card: CardHandle, name: string): Promise<string> {
  const decided = (text: string) => text.includes(`Approved by ${name}`) && !text.includes('executing in Defender');
  const text = answered(await clickOnAuditCard(e2e, card, name, 'Approve'));
  if (decided(text)) return text;
  expect(text).toContain(STILL_RUNNING);
  return shownWhen(e2e, card, decided, `the outcome of ${name}'s approval`, 30_000);
}
