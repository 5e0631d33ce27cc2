/**
 * The second window of `npm start`: a Playground whose current user is Megan Bowen (approver),
 * from .m365agentsplayground.approver.yml, in the same browser as the harness's (Alex's) window.
 * The bot posts its audit trail to this Playground's connector, so Megan sees each request in her
 * team's "Verdict audit" channel and decides there with a real click, as in src/cli/start.ts.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { startPlayground, type RunningPlayground } from '../../src/cli/playground';
import type { CardHandle, E2e } from './harness';
import { clippedText } from './playground-page';

const REPO_ROOT = resolve(__dirname, '../..');

export interface ApproverWindow {
  page: Page;
  playground: RunningPlayground;
  /** Opens a channel of team SOC from the Playground's side bar, as a person would. */
  openChannel(name: string): Promise<void>;
  /** The posted card that shows `text` (e.g. a request id), once it is there. */
  cardShowing(text: string, timeoutMs?: number): Promise<CardHandle>;
  buttonsOn(card: CardHandle): Promise<string[]>;
  /** PNG of the card into test-results/e2e/screenshots, and docs/screenshots when E2E_SCREENSHOTS=1. */
  screenshot(name: string, card: CardHandle): Promise<void>;
  stop(): Promise<void>;
}

export async function startApproverWindow(e2e: E2e, port: number): Promise<ApproverWindow> {
  const playground = await startPlayground({ botEndpoint: `${e2e.bot.url}/api/messages`, port, cwd: REPO_ROOT, configPath: '.m365agentsplayground.approver.yml' });
  let page: Page | undefined;
  const browser = e2e.page.context().browser();
  try {
    if (!browser) throw new Error('the harness page has no browser to open a second window in');
    // The bot was told this port for its audit channel before the Playground started.
    if (playground.port !== port) throw new Error(`the approver's Playground got port ${playground.port}, not ${port}`);
    // A window of its own (as a second person's Teams would be), in the harness's browser.
    page = await browser.newPage({ viewport: { width: 1200, height: 1000 }, deviceScaleFactor: 2 });
    await page.goto(playground.url);
    await page.locator('[role=textbox][contenteditable=true]').waitFor({ timeout: 30_000 });
    await page.locator('button[title="Hide log panel"]').click();
  } catch (err) {
    await page?.close();
    await playground.stop();
    throw err;
  }
  const shown = page;
  const sideBar = shown.locator('button[title="Toggle app bar and conversation window"]');
  return {
    page: shown,
    playground,
    async openChannel(name) {
      const channel = shown.locator(`button[aria-label="SOC - ${name}"]`);
      await sideBar.click();
      await channel.click();
      // The side bar covers part of the chat while open; a click beside it folds it away again
      // (the toggle only folds the app bar).
      await shown.mouse.click(1150, 500);
      const list = shown.locator('[role=region][aria-label="Chat and Teams Channel"]');
      for (let tries = 0; ((await list.boundingBox())?.x ?? -1) >= 0; tries++) {
        if (tries > 50) throw new Error('the Playground side bar did not fold away');
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async cardShowing(text, timeoutMs = 15_000) {
      // A channel post renders in a Fluent card (`.fui-Card`) that also holds its thread's replies,
      // so the Adaptive Card itself is what is looked for; the root post comes first.
      const root: Locator = shown.locator('.ac-preview-panel > .ac-adaptiveCard').filter({ hasText: text }).first();
      const container = root;
      await root.waitFor({ state: 'visible', timeout: timeoutMs }).catch(async (err: unknown) => {
        await shown.screenshot({ path: 'test-results/e2e/screenshots/failed-approver-window.png' }).catch(() => undefined);
        throw err;
      });
      return { container, root, json: undefined, messageId: '', position: -1 };
    },
    buttonsOn: async (card) => (await card.root.getByRole('button').allInnerTexts()).map((t) => t.trim()),
    async screenshot(name, card) {
      const results = join(REPO_ROOT, 'test-results', 'e2e', 'screenshots');
      mkdirSync(results, { recursive: true });
      const path = join(results, `${name}.png`);
      await card.root.screenshot({ path, animations: 'disabled' });
      if (process.env.E2E_SCREENSHOTS === '1') copyFileSync(path, join(REPO_ROOT, 'docs', 'screenshots', `${name}.png`));
    },
    async stop() {
      await shown.close().catch(() => undefined);
      await playground.stop();
    },
  };
}

export { clippedText };
