import type { CardHandle, E2e } from './harness';

/** Sends `text` as the current user and returns the bot's next card with its text, as a person reads it. */
export async function ask(e2e: E2e, text: string) {
  await e2e.send(text);
  const card = await e2e.nextBotCard();
  return { card, text: await e2e.cardText(card) };
}

/** A card taller than the chat's 900 px: grow the window for the picture, then put it back. */
export async function tallScreenshot(e2e: E2e, name: string, card: CardHandle): Promise<void> {
  const size = e2e.page.viewportSize();
  await e2e.page.setViewportSize({ width: size?.width ?? 900, height: 2_000 });
  try {
    await e2e.screenshot(name, card);
  } finally {
    if (size) await e2e.page.setViewportSize(size);
  }
}
