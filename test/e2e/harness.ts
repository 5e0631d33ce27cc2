/**
 * End-to-end harness: Verdict (with its embedded MDE sandbox) in-process, Microsoft 365 Agents
 * Playground 0.2.28 as the Teams client, real Chromium driving the Playground's UI.
 *
 * What the Playground is, learned from its bundle (node_modules/@microsoft/m365agentsplayground)
 * and by running it:
 * - One Express server (`cli.js start`) serving a React UI at `/` and, on the same port:
 *   `/_connector/v3/...` the mock Bot Connector the bot replies to (send, update, delete activity,
 *   members, paged members, team details, create conversation); `/_conversation/v1/...` what the
 *   UI calls (`conversations/:id/messages`, `invoke`, `submit`); `/_internal/v1/...` (`config`,
 *   `testConfig`, `customActivities`[`/template`], `configAuth`, `configDebugOptions`);
 *   `/_debug/ping`; WebSockets `/_ws_conversation/v1/conversations/stream` (messages to show) and
 *   `/_ws/log/stream` (Log Panel). Activities to the bot carry `serviceUrl`
 *   `http://localhost:<port>/_connector` and no JWT (so the bot runs with an empty app id).
 * - The Teams context comes from `.m365agentsplayground.yml` (env M365_AGENTS_PLAYGROUND_CONFIG_PATH;
 *   schema 0.1.1): tenantId, bot {id,name}, currentUser, exactly 5 `users` (each id, name,
 *   userPrincipleName [sic], aadObjectId, givenName, surname, email), personalChat {id},
 *   groupChat {id,name}, team {id,name,aadGroupId, at most 1 channel; General is implicit with id
 *   = team.id}. A missing file silently falls back to a built-in tenant; an invalid one exits 1
 *   with the reason in its log file only. Verified: every activity the bot receives carries
 *   `from.aadObjectId` of currentUser and `channelData.tenant.id` = tenantId from that file.
 * - Action.Execute: the UI posts to `/_conversation/v1/invoke`, which sends an
 *   `adaptiveCard/action` invoke (value.action {type, title, verb, data}; no `trigger`) and
 *   replaces the card with `invokeResponse.value` when its type is `…card.adaptive`, then shows
 *   "Your response was sent to the app" under it. Action.ShowCard expands in place.
 * - Acting as another user: there is no user switcher; the current user is fixed at start. See
 *   playground-users.ts: messages via the "Mock an Activity" route, clicks straight to the bot.
 * - The composer drops line breaks (typed with Shift+Enter or pasted, 'a\nb' is sent as 'ab'),
 *   so `send` refuses multi-line text; `asUser(...).send` posts it verbatim.
 * - After an Action.Execute the Playground shows "Your response was sent to the app" under the card;
 *   closing that line re-renders the card, folding an open Action.ShowCard and dropping what was
 *   typed in it. The harness closes it before it opens a ShowCard, never while a form is open.
 * - An invoke the bot answers with an error (HTTP >= 400) comes back to the UI as a 502 and the
 *   chat shows nothing at all; Teams would show the error. `clickCardButton` returns the answer.
 * - Broken cards: the Playground never says a card is broken. Invalid JSON (a string content) is
 *   refused by its connector with 400 BadArgument "Invalid" (nothing in the chat); an unknown
 *   element type, a body that is not an array, `{}` or a non-AdaptiveCard type render as an empty
 *   card frame; an unknown version renders anyway. So `nextBotCard` checks the card JSON, checks
 *   that the rendered card shows something, and fails on any HTTP >= 400 in the Log Panel stream.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startPlayground, type RunningPlayground } from '../../src/cli/playground';
import type { RunningVerdict } from '../../src/main';
import { chromiumPath, launchChromium } from './chromium';
import { assertRendered, cardAt, clickAction, clippedText, showCard, typeAndSend, type CardActionResult, type CardHandle } from './playground-page';
import { attachPlaygroundStream, type PlaygroundStream } from './playground-stream';
import { readPlaygroundConfig, userSession, type PlaygroundConfig, type UserSession } from './playground-users';
import { takeScreenshot } from './screenshots';

export type { CardActionResult, CardHandle } from './playground-page';

export interface E2eBot {
  /** http://host:port; activities go to `${url}/api/messages`. */
  url: string;
  stop(): Promise<void>;
  /** Verdict's embedded MDE sandbox, when the default bot runs. */
  sandbox?: RunningVerdict['sandbox'];
}

/** A card the bot posted in some conversation (e.g. a thread of the audit channel). */
export interface ChannelCard {
  conversationId: string;
  messageId: string;
  content: unknown;
}

export interface E2eOptions {
  /** Default: Verdict in-process against its embedded sandbox. */
  startBot?: (playgroundPort: number) => Promise<E2eBot>;
  /**
   * More configuration for the default bot, over the harness's (e.g. a ROLES_FILE with other
   * grants); or a function of the Playground's port, for settings that must avoid it.
   */
  botConfig?: Record<string, string> | ((playgroundPort: number) => Promise<Record<string, string>>);
  /** Per step (send, next card, click); default 15 s. */
  timeoutMs?: number;
}

export interface E2e {
  page: Page;
  bot: E2eBot;
  playground: RunningPlayground;
  config: PlaygroundConfig;
  /** Types one line into the composer and sends it, as the Playground's current user (Alex Wilber). */
  send(text: string): Promise<void>;
  /** The next Adaptive Card the bot posts, once rendered; fails if it cannot be rendered. */
  nextBotCard(opts?: { timeoutMs?: number }): Promise<CardHandle>;
  cardText(card: CardHandle): Promise<string>;
  /** Texts on the card that are cut off (too wide for the card); [] when everything shows. */
  clippedText(card: CardHandle): Promise<string[]>;
  /** Clicks a card button; Action.Execute resolves once the replacement card has rendered. */
  clickCardButton(card: CardHandle, title: string): Promise<CardActionResult>;
  /** Opens an Action.ShowCard and returns the text it shows. */
  openShowCard(card: CardHandle, title: string): Promise<string>;
  /** PNG into test-results/e2e/screenshots, and docs/screenshots when E2E_SCREENSHOTS=1. */
  screenshot(name: string, card?: CardHandle): Promise<string>;
  /** Someone else from the Playground config (e.g. 'Megan Bowen'). */
  asUser(name: string): UserSession;
  /** Posts a message to the chat as the bot would, bypassing it (for testing the harness itself). */
  postBotMessage(attachments: Array<{ contentType: string; content: unknown }>): Promise<number>;
  /** Verdict's welcome, the first card of the personal chat (posted when the Playground opened it). */
  welcome: CardHandle;
  /** Cards the bot posted in every conversation whose id starts with `prefix` (e.g. a channel and its threads). */
  cardsIn(prefix: string): ChannelCard[];
  /** Waits until `probe` over those cards returns true. */
  waitForCardsIn(prefix: string, probe: (cards: ChannelCard[]) => boolean, what: string, timeoutMs?: number): Promise<ChannelCard[]>;
  /** Stops browser, Playground and bot; safe to call twice and after a failed start. */
  stop(): Promise<void>;
}

const REPO_ROOT = resolve(__dirname, '../..');

/** The team's "Verdict audit" channel in .m365agentsplayground.yml. */
export const AUDIT_CHANNEL_ID = '19:verdict-demo-audit@thread.tacv2';

/** A port free right now, so the bot can be told the Playground's connector URL before it starts. */
export async function freePort(avoid: readonly number[] = []): Promise<number> {
  for (;;) {
    const port = await anyFreePort();
    if (!avoid.includes(port)) return port;
  }
}

async function anyFreePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolvePort(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function startVerdictInProcess(playgroundPort: number, botConfig: Record<string, string> = {}): Promise<E2eBot> {
  const stateDir = mkdtempSync(join(tmpdir(), 'verdict-e2e-'));
  try {
    const { startVerdict } = await import('../../src/main');
    const app = await startVerdict({
      PORT: '0',
      HOST: '127.0.0.1',
      MDE_MODE: 'sandbox',
      STATE_DIR: stateDir,
      LOG_LEVEL: 'warn',
      // The audit trail goes to the Playground's audit channel, through its mock connector.
      AUDIT_CHANNEL_ID,
      AUDIT_SERVICE_URL: `http://127.0.0.1:${playgroundPort}/_connector`,
      ...botConfig,
    });
    return {
      url: app.url,
      sandbox: app.sandbox,
      stop: async () => {
        await app.stop();
        rmSync(stateDir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    rmSync(stateDir, { recursive: true, force: true });
    throw err;
  }
}

export async function startE2e(options: E2eOptions = {}): Promise<E2e> {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const teardown: Array<() => Promise<unknown>> = [];
  const stopAll = async () => {
    const errors: unknown[] = [];
    for (const step of teardown.splice(0).reverse()) await step().catch((err: unknown) => errors.push(err));
    if (errors.length > 0) throw new AggregateError(errors, 'e2e teardown failed');
  };
  let stopping: Promise<void> | undefined;
  const stop = () => (stopping ??= stopAll());

  try {
    chromiumPath(); // fail before starting anything when the browser is missing
    const playgroundPort = await freePort();
    const botConfig = typeof options.botConfig === 'function' ? await options.botConfig(playgroundPort) : options.botConfig;
    const bot = await (options.startBot ?? ((port: number) => startVerdictInProcess(port, botConfig)))(playgroundPort);
    teardown.push(() => bot.stop());
    const botEndpoint = `${bot.url}/api/messages`;
    const playground = await startPlayground({ botEndpoint, port: playgroundPort, cwd: REPO_ROOT, configPath: '.m365agentsplayground.yml' });
    teardown.push(() => playground.stop());
    const config = await readPlaygroundConfig(playground.url);
    const browser: Browser = await launchChromium();
    teardown.push(() => browser.close());

    const page = await browser.newPage({ viewport: { width: 900, height: 900 }, deviceScaleFactor: 2 });
    const stream: PlaygroundStream = attachPlaygroundStream(page, config.bot.id);
    await page.goto(playground.url);
    await page.locator('[role=textbox][contenteditable=true]').waitFor({ timeout: 30_000 });
    await page.locator('button[title="Hide log panel"]').click({ timeout: timeoutMs }); // a wider chat for screenshots

    const conversationId = config.personalChat.id;
    // Opening the chat installs Verdict there (installationUpdate + conversationUpdate); its
    // welcome is the chat's first card. Wait for it, so no test takes it for its own answer.
    const welcome = cardAt(page, await stream.until(() => stream.cards(conversationId)[0], timeoutMs, "Verdict's welcome in the personal chat"));
    await assertRendered(welcome, timeoutMs);
    let cardsRead = 1;
    let failuresRead = 0;
    const dirs = {
      results: join(REPO_ROOT, 'test-results', 'e2e', 'screenshots'),
      docs: process.env.E2E_SCREENSHOTS === '1' ? join(REPO_ROOT, 'docs', 'screenshots') : undefined,
    };

    // A test starts from what it sends: cards and failures nobody read belong to an earlier one.
    const drain = () => {
      cardsRead = stream.cards(conversationId).length;
      failuresRead = stream.failures().length;
    };
    const nextBotCard = async (opts: { timeoutMs?: number } = {}): Promise<CardHandle> => {
      const wait = opts.timeoutMs ?? timeoutMs;
      const wanted = cardsRead;
      try {
        const streamed = await stream.until(
          () => {
            const failures = stream.failures().slice(failuresRead);
            if (failures.length > 0) {
              failuresRead += failures.length;
              throw new Error(`while waiting for the bot's card:\n  ${failures.join('\n  ')}`);
            }
            return stream.cards(conversationId)[wanted];
          },
          wait,
          `bot card #${wanted + 1} in ${conversationId}`,
        );
        cardsRead = wanted + 1;
        const card = cardAt(page, streamed);
        await assertRendered(card, wait);
        return card;
      } catch (err) {
        await takeScreenshot(page, { results: dirs.results }, `failed-card-${wanted}`).catch(() => undefined);
        throw err;
      }
    };

    const cardsIn = (prefix: string) => stream.cardsIn(prefix).map((c) => ({ conversationId: c.conversationId, messageId: c.messageId, content: c.content }));
    const waitForCardsIn = (prefix: string, probe: (cards: ChannelCard[]) => boolean, what: string, wait = timeoutMs) =>
      stream.until(() => (probe(cardsIn(prefix)) ? cardsIn(prefix) : undefined), wait, what);
    return {
      welcome,
      cardsIn,
      waitForCardsIn,
      page,
      bot,
      playground,
      config,
      async send(text) {
        drain();
        await typeAndSend(page, text, conversationId, timeoutMs);
      },
      nextBotCard,
      cardText: async (card) => (await card.root.innerText()).trim(),
      clippedText: (card) => clippedText(card),
      clickCardButton: (card, title) => clickAction(page, card, title, timeoutMs),
      openShowCard: (card, title) => showCard(card, title, timeoutMs),
      screenshot: (name, card) => takeScreenshot(page, dirs, name, card),
      asUser(name) {
        const session = userSession({ playgroundUrl: playground.url, botEndpoint, config, conversationId }, name);
        return {
          ...session,
          send: async (text) => {
            drain();
            await session.send(text);
          },
        };
      },
      async postBotMessage(attachments) {
        drain();
        const res = await fetch(`${playground.url}/_connector/v3/conversations/${encodeURIComponent(conversationId)}/activities`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            type: 'message',
            from: { id: config.bot.id, name: config.bot.name },
            recipient: { id: config.currentUser.id, name: config.currentUser.name },
            conversation: { id: conversationId },
            attachments,
          }),
        });
        return res.status;
      },
      stop,
    };
  } catch (err) {
    await stop().catch(() => undefined);
    throw err;
  }
}

/**
 * One Playground session for a test file: started before its tests (beforeAll) and stopped after
 * (afterAll). Returns the session; use it inside tests and hooks declared after this call (jest
 * runs hooks in order), never at module level.
 */
export function useE2e(options: E2eOptions = {}): E2e {
  let started: E2e | undefined;
  beforeAll(async () => {
    started = await startE2e(options);
  }, 120_000);
  afterAll(async () => {
    await started?.stop();
  });
  return new Proxy({} as E2e, {
    get(_target, key) {
      if (!started) throw new Error('useE2e: the Playground session is not started yet (use it inside a test or a later hook)');
      const value: unknown = Reflect.get(started, key);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(started) : value;
    },
  });
}
