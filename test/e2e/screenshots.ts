import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { CardHandle } from './playground-page';

export interface ScreenshotDirs {
  /** Always written (gitignored). */
  results: string;
  /** Also written when E2E_SCREENSHOTS=1 (committed documentation). */
  docs?: string;
}

type Clip = { x: number; y: number; width: number; height: number };

/**
 * The card's message row plus the user message right above it (the question and its answer),
 * or the chat pane when no card is given.
 */
async function clipFor(page: Page, card?: CardHandle): Promise<Clip | undefined> {
  if (!card) {
    return page.locator('[role=textbox][contenteditable=true]').evaluate((box) => {
      let pane: Element | null = box;
      while (pane && !pane.querySelector('[aria-label="Message header"]')) pane = pane.parentElement;
      if (!pane) return undefined;
      const r = pane.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    });
  }
  await card.container.scrollIntoViewIfNeeded();
  return card.container.evaluate((el) => {
    const rowOf = (node: Element): Element => {
      let row: Element = node;
      while (row.parentElement && !row.querySelector('[aria-label="Message header"]')) row = row.parentElement;
      return row;
    };
    const row = rowOf(el);
    const rows = [row];
    // The previous row, if it is the user's message (no author line), shows what was asked.
    let prev: Element | null = row;
    while (prev && !prev.previousElementSibling) prev = prev.parentElement;
    const before = prev?.previousElementSibling;
    if (before?.querySelector('[aria-label="Message header"]') && !before.querySelector('[aria-label="Message author"]')) rows.push(before);
    const rects = rows.map((r) => r.getBoundingClientRect());
    const headers = rows.map((r) => (r.querySelector('[aria-label="Message header"]') ?? r).getBoundingClientRect());
    const pad = 8;
    // From just above the first header: a row's own top can hold the shadow of the message above.
    const top = Math.max(0, Math.min(...headers.map((r) => r.top)));
    const bottom = Math.max(...rects.map((r) => r.bottom)) + pad;
    const left = Math.min(...rects.map((r) => r.left)); // no pad: the sidebar's edge is there
    const right = Math.max(...rects.map((r) => r.right)) + pad;
    return { x: left, y: top, width: right - left, height: bottom - top };
  });
}

export async function takeScreenshot(page: Page, dirs: ScreenshotDirs, name: string, card?: CardHandle): Promise<string> {
  const file = `${name.replace(/[^a-z0-9-]+/gi, '-').toLowerCase()}.png`;
  mkdirSync(dirs.results, { recursive: true });
  const path = join(dirs.results, file);
  await page.screenshot({ path, clip: await clipFor(page, card), animations: 'disabled', caret: 'hide' });
  if (dirs.docs) {
    mkdirSync(dirs.docs, { recursive: true });
    copyFileSync(path, join(dirs.docs, file));
  }
  return path;
}
