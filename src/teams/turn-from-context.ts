import { TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import type { FileRead, SentFile, Turn } from '../app/turn';
import { cardActivity } from './card-activity';
import { sentFileOf } from './file-attachment';

/** The message's file attachment as the app sees it; its download goes through `readFile` only. */
function sentFile(context: TurnContext, readFile?: (url: string) => Promise<FileRead>): SentFile | undefined {
  const info = sentFileOf(context.activity.attachments);
  if (!info) return undefined;
  if (!info.ok) return { readable: false };
  const { downloadUrl } = info;
  return { readable: true, name: info.name, csv: info.csv, read: () => (readFile ? readFile(downloadUrl) : Promise.resolve({ ok: false, reason: 'host-refused' })) };
}

/** Removes the bot's @mention (and any leftover <at> tag or HTML space) from message text. */
export function cleanText(context: TurnContext): string {
  const activity = context.activity;
  if (typeof activity.text !== 'string') return '';
  // botbuilder strips the mention from activity.text itself; a null text (the envelope allows it) would throw.
  let text = activity.text;
  if (activity.recipient?.id) text = TurnContext.removeMentionText(activity, activity.recipient.id) ?? text;
  return text
    .replace(/<at>[^<]*<\/at>/gi, ' ')
    .replace(/&nbsp;/gi, ' ')
    .replace(/\u00a0/g, ' ')
    .trim();
}

/**
 * Maps a botbuilder TurnContext to our SDK-free Turn. `trustServiceUrl` says whether the
 * activity's serviceUrl may be kept for later proactive calls; an untrusted one is dropped.
 */
export function turnFromContext(context: TurnContext, log: Logger, action?: Turn['action'], trustServiceUrl?: (url: string) => boolean, readFile?: (url: string) => Promise<FileRead>): Turn {
  const a = context.activity;
  const channelTenant = (a.channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id;
  return {
    user: { id: a.from?.id ?? '', aadObjectId: a.from?.aadObjectId, name: a.from?.name },
    tenantId: typeof channelTenant === 'string' ? channelTenant : a.conversation?.tenantId,
    conversation: { id: a.conversation?.id ?? '', type: a.conversation?.conversationType, serviceUrl: a.serviceUrl && trustServiceUrl?.(a.serviceUrl) ? a.serviceUrl : undefined },
    text: action ? '' : cleanText(context),
    action,
    ...(action ? {} : { file: sentFile(context, readFile) }),
    clickedActivityId: action && typeof a.replyToId === 'string' ? a.replyToId : undefined,
    log,
    async reply(card) {
      const sent = await context.sendActivity(cardActivity(card));
      return sent?.id;
    },
    async update(activityId, card) {
      await context.updateActivity({ ...cardActivity(card), id: activityId });
    },
  };
}
