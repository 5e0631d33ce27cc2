import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { TestAdapter, type Activity } from 'botbuilder';
import { composeVerdict, configFrom, type ComposedVerdict, type VerdictPorts } from '../../src/main';
import type { CardUpdater } from '../../src/app/card-updater';
import type { ConversationRoster } from '../../src/app/roster';
import { DEMO_TENANT_ID, DEMO_USERS } from '../../src/sandbox/demo-tenant';

export const BOT = { id: '28:verdict-bot', name: 'Verdict' };

/** A personal-chat message from a demo user, as Teams would send it. */
export function message(text: string, overrides: Partial<Activity> = {}): Partial<Activity> {
  return {
    type: 'message',
    text,
    channelId: 'msteams',
    from: { id: '29:alex', name: DEMO_USERS.alex.name, aadObjectId: DEMO_USERS.alex.aadObjectId },
    recipient: BOT,
    conversation: { id: 'a:personal-chat', conversationType: 'personal', isGroup: false, name: '' },
    channelData: { tenant: { id: DEMO_TENANT_ID } },
    ...overrides,
  };
}

/** The same in a team channel, with the bot @mentioned the way Teams encodes it. */
export function channelMention(text: string): Partial<Activity> {
  const mention = `<at>${BOT.name}</at>`;
  return message(`${mention} ${text}`, {
    conversation: { id: '19:soc@thread.tacv2;messageid=1', conversationType: 'channel', isGroup: true, name: '' },
    entities: [{ type: 'mention', mentioned: BOT, text: mention }],
    channelData: { tenant: { id: DEMO_TENANT_ID }, team: { id: '19:soc@thread.tacv2' }, channel: { id: '19:soc@thread.tacv2' } },
  });
}

export interface Conversation {
  built: ComposedVerdict;
  adapter: TestAdapter;
  /**
   * Sends one activity through the real bot and returns everything the bot sent back. A message
   * the bot later updated shows its latest version, in its original place.
   */
  send(activity: Partial<Activity>): Promise<Partial<Activity>[]>;
  /** The updates (updateActivity) the bot made during the last `send`, in order. */
  updates: Partial<Activity>[];
  stop(): Promise<void>;
}

/**
 * The ports a conversation test may set. Proactive card updates and rosters are recorded or absent
 * (the TestAdapter's conversations have no connector behind them); the audit channel's posts go
 * through the real adapter to whatever AUDIT_SERVICE_URL or an install names (a connector recorder).
 */
export type ConversationPorts = Omit<VerdictPorts, 'teams' | 'logger'> & { cards?: CardUpdater; roster?: ConversationRoster };

/** The real bot, composed by main.ts's root (audit trail and outbox included), over botbuilder's TestAdapter; MDE is the sandbox. */
export async function startConversation(env: Record<string, string> = {}, ports: ConversationPorts = {}): Promise<Conversation> {
  const stateDir = mkdtempSync(join(tmpdir(), 'verdict-conv-'));
  const config = configFrom({ MDE_MODE: 'sandbox', STATE_DIR: stateDir, MDE_TIMEOUT_MS: '3000', ...env });
  const { cards, roster, ...rest } = ports;
  const built = await composeVerdict(config, { ...rest, logger: pino({ level: 'silent' }), teams: { cards, roster } });
  const adapter = new TestAdapter((context) => built.bot.run(context));
  const updates: Partial<Activity>[] = [];
  const updateActivity = adapter.updateActivity.bind(adapter);
  adapter.updateActivity = (context, activity) => {
    updates.push(activity);
    return updateActivity(context, activity);
  };
  return {
    built,
    adapter,
    updates,
    async send(activity) {
      adapter.activeQueue.splice(0);
      updates.splice(0);
      await adapter.processActivity(activity);
      return adapter.activeQueue.splice(0);
    },
    async stop() {
      await built.stop();
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
}

/** A click on an Action.Execute button, as Teams sends it (an `adaptiveCard/action` invoke). */
export function cardClick(verb: string, data: Record<string, unknown>, overrides: Partial<Activity> = {}): Partial<Activity> {
  return message('', {
    type: 'invoke',
    name: 'adaptiveCard/action',
    text: undefined,
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
    ...overrides,
  });
}

/** The same activity as sent by another demo user (Megan, Lee, Diego…). */
export function as(user: { name: string; aadObjectId: string }, activity: Partial<Activity>): Partial<Activity> {
  const mri = `29:${user.name.split(' ')[0]?.toLowerCase() ?? 'user'}`;
  return { ...activity, from: { id: mri, name: user.name, aadObjectId: user.aadObjectId } };
}

/** The card an invoke was answered with (the bot's invoke response), or undefined. */
export function invokedCard(replies: Partial<Activity>[]): unknown {
  const response = replies.find((r) => r.type === 'invokeResponse')?.value as { body?: { type?: string; value?: unknown } } | undefined;
  return response?.body?.type === 'application/vnd.microsoft.card.adaptive' ? response.body.value : undefined;
}
