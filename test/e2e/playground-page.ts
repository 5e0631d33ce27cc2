import type { Locator, Page } from 'playwright-core';
import { cardActions, cardProblems } from './card-check';
import type { StreamedCard } from './playground-stream';

/**
 * The Playground's chat UI, driven like a person would. Selectors (no data-testid exists in
 * 0.2.28): the composer is a Lexical editor `[role=textbox][contenteditable=true]`; each bot
 * attachment renders in a Fluent `.fai-OutputCard` holding `.ac-preview-panel > .ac-adaptiveCard`
 * (the Adaptive Cards renderer's own class names); card buttons are `role=button` named by their
 * title, a ShowCard button carries `aria-expanded`; the line under a card after an invoke is
 * `[aria-label="Display Invoked Message"]`; message rows have `[aria-label="Message header"]`.
 */
export interface CardHandle {
  /** The message's card container (card plus the Playground's notice line). */
  container: Locator;
  /** The rendered Adaptive Card. */
  root: Locator;
  /** The card JSON as last sent, updated or returned for this message. */
  readonly json: unknown;
  messageId: string;
  position: number;
}

export interface CardActionResult {
  kind: 'execute' | 'submit' | 'showCard';
  /** For Action.Execute: what the Playground got back, `{ type, value }` (the invoke response). */
  response?: { type?: string; value?: unknown };
  /** The card as rendered after the action (replaced when the invoke answered with a card). */
  card: CardHandle;
}

const COMPOSER = '[role=textbox][contenteditable=true]';

/** The n-th card of the open chat is the n-th card the bot posted to that conversation. */
export function cardAt(page: Page, card: StreamedCard): CardHandle {
  const container = page.locator('.fai-OutputCard').filter({ has: page.locator('.ac-preview-panel') }).nth(card.position);
  return {
    container,
    root: container.locator('.ac-preview-panel > .ac-adaptiveCard'),
    // Read live: the bot may update the message (e.g. a progress message becoming its result).
    get json() {
      return card.content;
    },
    messageId: card.messageId,
    position: card.position,
  };
}

export async function typeAndSend(page: Page, text: string, conversationId: string, timeoutMs: number): Promise<void> {
  if (text.includes('\n')) {
    // Seen with 0.2.28: typed (Shift+Enter) or pasted line breaks are dropped when it sends.
    throw new Error("the Playground's composer drops line breaks ('a\\nb' reaches the bot as 'ab'); send multi-line text with asUser('Alex Wilber').send(), which posts the activity verbatim");
  }
  const box = page.locator(COMPOSER);
  await box.click({ timeout: timeoutMs });
  await page.keyboard.insertText(text);
  const path = `/_conversation/v1/conversations/${conversationId}/messages`;
  const posted = page.waitForResponse((r) => r.request().method() === 'POST' && decodeURIComponent(new URL(r.url()).pathname) === path, { timeout: timeoutMs });
  await page.keyboard.press('Enter');
  const res = await posted;
  if (!res.ok()) throw new Error(`the Playground refused the message: HTTP ${res.status()} ${await res.text()}`);
}

/** Waits for the card to be in the DOM and to show something; a blank card means it could not be rendered. */
export async function assertRendered(card: CardHandle, timeoutMs: number): Promise<void> {
  const problems = cardProblems(card.json);
  if (problems.length > 0) {
    throw new Error(`bot card ${card.position} (message ${card.messageId}) is not a valid Adaptive Card; the Playground would render it blank or partly:\n  ${problems.join('\n  ')}\n${JSON.stringify(card.json).slice(0, 600)}`);
  }
  await card.root.waitFor({ state: 'visible', timeout: timeoutMs });
  const deadline = Date.now() + Math.min(timeoutMs, 1_500);
  while (!(await showsSomething(card.root))) {
    if (Date.now() > deadline) {
      throw new Error(`bot card ${card.position} (message ${card.messageId}) rendered empty in the Playground:\n${JSON.stringify(card.json).slice(0, 600)}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Text the card cuts off: a TextBlock (or fact) whose content is wider than its box. The text is
 * still in the DOM, so text assertions pass while a person sees only part of it.
 */
export function clippedText(card: CardHandle): Promise<string[]> {
  return card.root.evaluate((root) => {
    const clipped: string[] = [];
    for (const el of Array.from(root.querySelectorAll<HTMLElement>('.ac-textBlock'))) {
      if (el.offsetParent === null || el.querySelector('.ac-textBlock')) continue; // hidden, or not a leaf
      // Where the glyphs end (text nodes only: block boxes can be wider than their text).
      let textRight = -Infinity;
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const range = document.createRange();
        range.selectNodeContents(node);
        textRight = Math.max(textRight, range.getBoundingClientRect().right);
      }
      // The narrowest box that hides overflow, from the text block up to the card.
      let right = Infinity;
      for (let box: HTMLElement | null = el; box; box = box === root ? null : box.parentElement) {
        if (getComputedStyle(box).overflowX !== 'visible') right = Math.min(right, box.getBoundingClientRect().right);
      }
      if (textRight > right + 1) clipped.push(el.innerText.trim());
    }
    return clipped;
  });
}

function showsSomething(root: Locator): Promise<boolean> {
  return root.evaluate((el) => (el as HTMLElement).innerText.trim().length > 0 || el.querySelector('img, button, input, select, textarea') !== null);
}

function findAction(card: CardHandle, title: string): Record<string, unknown> {
  const actions = cardActions(card.json);
  const action = actions.find((a) => a.title === title);
  if (!action) {
    const titles = actions.map((a) => JSON.stringify(a.title)).join(', ') || 'none';
    throw new Error(`card ${card.position} has no action titled ${JSON.stringify(title)} (it has: ${titles})`);
  }
  return action;
}

export async function clickAction(page: Page, card: CardHandle, title: string, timeoutMs: number): Promise<CardActionResult> {
  const action = findAction(card, title);
  const button = card.root.getByRole('button', { name: title, exact: true });
  switch (action.type) {
    case 'Action.ShowCard':
      await dismissNotice(card, timeoutMs);
      await openShowCardButton(button, timeoutMs);
      return { kind: 'showCard', card };
    case 'Action.Submit': {
      const submitted = page.waitForResponse((r) => r.url().endsWith('/_conversation/v1/submit'), { timeout: timeoutMs });
      await button.click({ timeout: timeoutMs });
      const res = await submitted;
      if (!res.ok()) throw new Error(`the Playground could not submit: HTTP ${res.status()} ${await res.text()}`);
      return { kind: 'submit', card };
    }
    case 'Action.Execute': {
      // The Playground re-renders the card in place and then shows a notice under it; clear an
      // earlier notice so the next one marks the end of this click.
      const notice = card.container.locator('[aria-label="Display Invoked Message"]');
      await dismissNotice(card, timeoutMs);
      const invoked = page.waitForResponse((r) => r.url().endsWith('/_conversation/v1/invoke'), { timeout: timeoutMs });
      await button.click({ timeout: timeoutMs });
      const res = await invoked;
      const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
      if (!res.ok()) {
        // A bot's error answer (HTTP 4xx/5xx invoke response) comes back wrapped in a 502.
        const answered = (body.innerHttpError as { body?: CardActionResult['response'] } | undefined)?.body;
        if (answered?.type) return { kind: 'execute', response: answered, card };
        throw new Error(`the Playground could not invoke ${JSON.stringify(action.verb)}: HTTP ${res.status()} ${JSON.stringify(body)}`);
      }
      const response = body as CardActionResult['response'];
      await notice.waitFor({ timeout: timeoutMs });
      if (response?.type !== 'application/vnd.microsoft.card.adaptive') return { kind: 'execute', response, card };
      const replaced: CardHandle = { ...card, json: response.value };
      await assertRendered(replaced, timeoutMs);
      return { kind: 'execute', response, card: replaced };
    }
    default:
      throw new Error(`the harness does not click ${String(action.type)} buttons ("${title}")`);
  }
}

/**
 * Closes the "Your response was sent to the app" line an earlier Action.Execute left under the
 * card. Closing it re-renders the card, which folds an open Action.ShowCard and drops what was
 * typed in it, so a form is opened only after this (and a click on its button finds none left).
 */
async function dismissNotice(card: CardHandle, timeoutMs: number): Promise<void> {
  const dismiss = card.container.locator('[aria-label="Dismiss Invoke Message"]');
  if (await dismiss.isVisible()) await dismiss.click({ timeout: timeoutMs });
  await card.container.locator('[aria-label="Display Invoked Message"]').waitFor({ state: 'detached', timeout: timeoutMs });
}

async function openShowCardButton(button: Locator, timeoutMs: number): Promise<void> {
  if ((await button.getAttribute('aria-expanded', { timeout: timeoutMs })) !== 'true') await button.click({ timeout: timeoutMs });
  await button.and(button.page().locator('[aria-expanded="true"]')).waitFor({ timeout: timeoutMs });
}

/** Opens a ShowCard action and returns the text of the card it shows. */
export async function showCard(card: CardHandle, title: string, timeoutMs: number): Promise<string> {
  const action = findAction(card, title);
  if (action.type !== 'Action.ShowCard') throw new Error(`"${title}" is an ${String(action.type)}, not an Action.ShowCard`);
  await dismissNotice(card, timeoutMs);
  await openShowCardButton(card.root.getByRole('button', { name: title, exact: true }), timeoutMs);
  const shown = card.root.locator('.ac-adaptiveCard').filter({ visible: true }).last();
  await shown.waitFor({ timeout: timeoutMs });
  return (await shown.innerText()).trim();
}
