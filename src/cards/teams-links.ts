/**
 * Teams deep links to where something happened, from ids Teams gave the bot. Only conversations
 * a person can open get one: a bot's personal chat ("a:…") has no link another person can follow.
 */
import { channelOf, rootIdOf } from '../util/thread-id';

const TEAMS = 'https://teams.microsoft.com/l';
const CHANNEL = /^19:[^;]+@thread\.(?:tacv2|skype)$/;
const CHANNEL_OR_CHAT = /^19:[^;]+@thread\.(?:tacv2|skype|v2)$/;

export function conversationLink(conversationId: string, tenantId?: string): string | undefined {
  const tenant = tenantId && /^[0-9a-f-]{36}$/i.test(tenantId) ? `tenantId=${tenantId}&` : '';
  const channelId = channelOf(conversationId);
  const rootId = rootIdOf(conversationId) ?? '';
  if (CHANNEL.test(channelId) && /^\d{1,20}$/.test(rootId) && conversationId === `${channelId};messageid=${rootId}`) {
    // The thread's root message, in its channel (Teams opens the thread from its root).
    return `${TEAMS}/message/${encodeURIComponent(channelId)}/${rootId}?${tenant}parentMessageId=${rootId}`;
  }
  if (!CHANNEL_OR_CHAT.test(conversationId)) return undefined;
  if (conversationId.endsWith('@thread.v2')) return `${TEAMS}/chat/${encodeURIComponent(conversationId)}/0${tenant ? `?${tenant.slice(0, -1)}` : ''}`;
  return `${TEAMS}/channel/${encodeURIComponent(conversationId)}/Verdict${tenant ? `?${tenant.slice(0, -1)}` : ''}`;
}
