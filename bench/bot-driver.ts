import { TestAdapter, type Activity } from 'botbuilder';
import type { VerdictBot } from '../src/teams/bot';

const BOT = { id: '28:verdict-bot', name: 'Verdict' };

/** A deterministic Entra object id (GUID form) for bench user `n`. */
export const benchUserObjectId = (n: number): string => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

/** The real bot behind botbuilder's TestAdapter (the edge without HTTP), as test/support/conversation.ts drives it. */
export interface BotDriver {
  /** Sends `/hash …` as user `n` in their personal chat; resolves with what the bot sent once the turn is over. */
  send(user: number, text: string): Promise<Partial<Activity>[]>;
}

export function botDriver(bot: VerdictBot, tenantId: string): BotDriver {
  const adapter = new TestAdapter((context) => bot.run(context));
  // TestAdapter queues every reply on one shared list; the driver keeps each turn's own instead.
  const byConversation = new Map<string, Partial<Activity>[]>();
  adapter.sendActivities = async (context, activities) => {
    const list = byConversation.get(context.activity.conversation.id) ?? [];
    list.push(...activities);
    return activities.map((_, i) => ({ id: `${context.activity.id ?? 'x'}-${i}` }));
  };
  let next = 0;
  return {
    async send(user, text) {
      const conversationId = `a:bench-${user}-${next++}`;
      const sent: Partial<Activity>[] = [];
      byConversation.set(conversationId, sent);
      await adapter.processActivity({
        type: 'message',
        text,
        channelId: 'msteams',
        from: { id: `29:bench-${user}`, name: `Bench User ${user}`, aadObjectId: benchUserObjectId(user) },
        recipient: BOT,
        conversation: { id: conversationId, conversationType: 'personal', isGroup: false, name: '' },
        channelData: { tenant: { id: tenantId } },
      });
      byConversation.delete(conversationId);
      return sent;
    },
  };
}

/** The first TextBlock text of the first card attachment: enough to tell a verdict card from an error card. */
export function cardHeadline(replies: readonly Partial<Activity>[]): string {
  for (const reply of replies) {
    for (const attachment of reply.attachments ?? []) {
      const text = firstText(attachment.content);
      if (text) return text;
    }
  }
  return '(no card)';
}

function firstText(node: unknown): string | undefined {
  if (!node || typeof node !== 'object') return undefined;
  const record = node as Record<string, unknown>;
  if (record.type === 'TextBlock' && typeof record.text === 'string') return record.text;
  for (const value of Object.values(record)) {
    const items = Array.isArray(value) ? value : [value];
    for (const item of items) {
      const found = firstText(item);
      if (found) return found;
    }
  }
  return undefined;
}
