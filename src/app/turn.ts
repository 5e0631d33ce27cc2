import type { Logger } from 'pino';
import type { Card } from '../cards/card';

/** Who is acting. Only `aadObjectId` and `tenantId` are ever used for authority. */
export interface TurnUser {
  /** Teams MRI ("29:…"). */
  id: string;
  /** Entra object id; absent outside Teams-like channels. */
  aadObjectId?: string;
  name?: string;
}

/** A sent file's bytes as text, or why not (the URL is never part of either). */
export type FileRead =
  | { ok: true; text: string }
  | { ok: false; reason: 'host-refused' | 'redirect-refused' | 'too-big' | 'not-utf8' | 'timeout' | 'failed'; maxBytes?: number; status?: number };

/** A file sent with the message (Teams personal chat): readable, or an attachment Verdict could not read. */
export type SentFile = { readable: true; name: string; csv: boolean; read(): Promise<FileRead> } | { readable: false };

/** What the bot edge hands to the app: a small, SDK-free view of one incoming activity. */
export interface Turn {
  user: TurnUser;
  tenantId?: string;
  /** `serviceUrl`: the Bot Connector endpoint the activity came through (for later proactive updates). */
  conversation: { id: string; type?: string; serviceUrl?: string };
  /** Message text with the bot @mention removed and whitespace trimmed ('' for card actions). */
  text: string;
  /** A file attached to the message, when there is one. */
  file?: SentFile;
  /** Present when a card button was clicked: the verb and its (untrusted) data. */
  action?: { verb: string; data: Record<string, unknown> };
  /** The message whose card was clicked (the activity's replyToId), when the client says. */
  clickedActivityId?: string;
  /** Sends a card as a new message; resolves to the sent activity id when the channel returns one. */
  reply(card: Card): Promise<string | undefined>;
  /** Replaces a previously sent message's card. */
  update(activityId: string, card: Card): Promise<void>;
  log: Logger;
}
