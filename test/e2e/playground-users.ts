import { randomUUID } from 'node:crypto';
import { cardActions } from './card-check';
import type { CardHandle } from './playground-page';

/** The Playground's mock Teams context, as served by its `GET /_internal/v1/testConfig`. */
export interface PlaygroundUser {
  id: string;
  name: string;
  aadObjectId: string;
}

export interface PlaygroundConfig {
  tenantId: string;
  bot: { id: string; name: string };
  currentUser: PlaygroundUser;
  users: PlaygroundUser[];
  personalChat: { id: string };
}

export async function readPlaygroundConfig(playgroundUrl: string): Promise<PlaygroundConfig> {
  const res = await fetch(`${playgroundUrl}/_internal/v1/testConfig`);
  if (!res.ok) throw new Error(`Playground config unavailable: HTTP ${res.status}`);
  return ((await res.json()) as { config: PlaygroundConfig }).config;
}

export interface UserSession {
  user: PlaygroundUser;
  /** Sends a message as this user; the bot's answer appears in the chat (read it with nextBotCard). */
  send(text: string): Promise<void>;
  /**
   * Clicks an Action.Execute button as this user and returns the bot's invoke response. `inputs`
   * are what the user typed into the card's inputs; Teams merges them into the action's data.
   */
  clickCardButton(card: CardHandle, title: string, inputs?: Record<string, string>, where?: ClickWhere): Promise<{ status: number; body: unknown }>;
}

/** Where the clicked card is, when not in the harness's personal chat (e.g. the audit channel). */
export interface ClickWhere {
  conversationId: string;
  conversationType: 'personal' | 'channel' | 'groupChat';
}

interface SessionContext {
  playgroundUrl: string;
  botEndpoint: string;
  config: PlaygroundConfig;
  conversationId: string;
}

/**
 * Acting as someone other than the Playground's current user. The Playground has no user
 * switcher: the current user is fixed at start (`currentUser` in the config). Two doors remain:
 * - messages go through its "Mock an Activity" route, `POST /_internal/v1/customActivities`,
 *   which forwards any activity verbatim to the bot (so it is in the Log Panel too);
 * - card clicks go straight to the bot's /api/messages, because that route answers 200 at once
 *   and drops the bot's invoke response. The serviceUrl is the Playground's connector, so every
 *   reply or card update the bot makes still lands in the chat the browser shows.
 */
export function userSession(ctx: SessionContext, name: string): UserSession {
  const everyone = [ctx.config.currentUser, ...ctx.config.users];
  const user = everyone.find((u) => u.name === name);
  if (!user) throw new Error(`no user named ${JSON.stringify(name)} in the Playground config (has: ${everyone.map((u) => u.name).join(', ')})`);

  const activity = (fields: Record<string, unknown>) => ({
    id: randomUUID(),
    channelId: 'msteams',
    serviceUrl: `${ctx.playgroundUrl}/_connector`,
    timestamp: new Date().toISOString(),
    from: { id: user.id, name: user.name, aadObjectId: user.aadObjectId },
    recipient: { id: ctx.config.bot.id, name: ctx.config.bot.name },
    conversation: { id: ctx.conversationId, conversationType: 'personal', tenantId: ctx.config.tenantId },
    channelData: { tenant: { id: ctx.config.tenantId } },
    locale: 'en-US',
    ...fields,
  });

  return {
    user,
    async send(text) {
      const res = await fetch(`${ctx.playgroundUrl}/_internal/v1/customActivities`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(activity({ type: 'message', text, textFormat: 'plain' })),
      });
      if (!res.ok) throw new Error(`the Playground refused a message as ${name}: HTTP ${res.status} ${await res.text()}`);
    },
    async clickCardButton(card, title, inputs = {}, where) {
      const action = cardActions(card.json).find((a) => a.title === title);
      if (!action || action.type !== 'Action.Execute') throw new Error(`card ${card.position} has no Action.Execute titled ${JSON.stringify(title)}`);
      const res = await fetch(ctx.botEndpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(
          activity({
            type: 'invoke',
            name: 'adaptiveCard/action',
            replyToId: card.messageId,
            ...(where ? { conversation: { id: where.conversationId, conversationType: where.conversationType, tenantId: ctx.config.tenantId } } : {}),
            value: { action: { type: 'Action.Execute', id: action.id, verb: action.verb, data: { ...(action.data as object | undefined), ...inputs } }, trigger: 'manual' },
          }),
        ),
      });
      const text = await res.text();
      return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined };
    },
  };
}
