/**
 * Approving in the e2e suites. Verdict answers an Approve click with the outcome when Defender
 * answers within a few seconds, and otherwise with the "executing…" card, redrawing the posted card
 * with the outcome when it comes. Which one a run sees depends on the machine's load, so the steps
 * here wait for the outcome either way; the slow path has its own test (approval-slow.e2e.test.ts).
 */
import { cardText as jsonText } from '../support/card-text';
import type { CardHandle, E2e } from './harness';

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

/** `name` clicks Approve on the posted approval card; resolves with the outcome as text. */
export async function approveAs(e2e: E2e, card: CardHandle, name: string): Promise<string> {
  const decided = (text: string) => text.includes(`Approved by ${name}`) && !text.includes('executing in Defender');
  const text = answered(await e2e.asUser(name).clickCardButton(card, 'Approve'));
  if (decided(text)) return text;
  expect(text).toContain(STILL_RUNNING);
  return shownWhen(e2e, card, decided, `the outcome of ${name}'s approval`, 30_000);
}
