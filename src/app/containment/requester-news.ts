import type { Logger } from 'pino';
import type { CardSection } from '../../cards/card-section';
import { noticeCard } from '../../cards/notice-card';
import { safeText } from '../../cards/escape';
import { requestNewsCard } from '../../cards/request-news-card';
import { requestStatus } from '../../cards/request-status';
import { followsAction, TERMINAL_STATES, type ContainmentRequest } from '../../containment/model';
import type { Card } from '../../cards/card';
import type { AppDeps } from '../deps';
import { fileVerdictCard } from '../file-verdict';
import type { Turn } from '../turn';
import { replacePosted } from './posted-card';

/** Where a request is asked from: the requester's conversation, the card they clicked, and who they are. */
export function whereAsked(turn: Turn) {
  return { id: turn.conversation.id, serviceUrl: turn.conversation.serviceUrl, originActivityId: turn.clickedActivityId, type: turn.conversation.type, requesterId: turn.user.id };
}

/**
 * Whether the requester should hear about this state without having clicked: it ended (denied,
 * expired, failed, done in Defender), but not by their own cancel, and an isolation only once its
 * MachineAction has a final status (its moves in between only redraw their card).
 */
export const newsForRequester = (r: ContainmentRequest): boolean => TERMINAL_STATES.has(r.state) && r.state !== 'cancelled' && !followsAction(r);

/** The "Block requested" section of the requester's verdict card, as the request stands now. */
function blockSection(r: ContainmentRequest): CardSection {
  return {
    title: 'Block requested',
    empty: '',
    items: [],
    facts: [
      { title: 'Request', value: safeText(r.id, 64) },
      { title: 'Status', value: requestStatus(r).text },
    ],
    more: '',
  };
}

/**
 * The card the requester clicked, redrawn: their verdict card with the block's status (the file is
 * looked up again, through the cache), or the isolation notice with the isolation's.
 */
async function originCard(r: ContainmentRequest, deps: AppDeps): Promise<Card> {
  if (r.kind === 'isolate-device') {
    return noticeCard({ title: 'Isolation requested', detail: `Request ${r.id}: ${requestStatus(r).text}`, next: 'The approval card has every step; Verdict tells you here when it ends.' });
  }
  const sha = r.target.sha256 ?? r.target.sha1 ?? '';
  const hash = { value: sha, type: r.target.sha256 ? ('sha256' as const) : ('sha1' as const) };
  return fileVerdictCard(hash, await deps.mde.getFile(sha), deps, blockSection(r));
}

export interface TellOptions {
  /** The click's turn while it lasts: the same conversation is then updated and answered in it. */
  turn?: Turn;
  /** Post the short message too (a decision, an end); otherwise only the card is redrawn. */
  notify: boolean;
  log: Logger;
}

/**
 * Tells the requester where their request stands: redraws the card they asked from and, on news,
 * posts a short message in the conversation where they asked (mentioning them outside a personal
 * chat). Cosmetic next to the change itself, which is stored and journaled already: failures are
 * logged, never thrown.
 */
export async function tellRequester(deps: AppDeps, r: ContainmentRequest, options: TellOptions): Promise<void> {
  const { id: conversationId, serviceUrl, originActivityId } = r.conversation;
  const here = options.turn && options.turn.conversation.id === conversationId ? options.turn : undefined;
  const cards = deps.containment?.cards;
  try {
    if (originActivityId) {
      const card = await originCard(r, deps);
      await replacePosted(cards, options.turn, { conversationId, serviceUrl, activityId: originActivityId }, card);
    }
  } catch (err) {
    options.log.warn({ err, requestId: r.id }, 'could not redraw the card the request was made from');
  }
  if (!options.notify) return;
  try {
    const news = requestNewsCard(r);
    if (here) await here.reply(news);
    else if (cards?.post && serviceUrl) await cards.post({ conversationId, serviceUrl }, news);
    else options.log.info({ requestId: r.id }, 'no way to tell the requester outside their conversation');
  } catch (err) {
    options.log.warn({ err, requestId: r.id }, 'could not tell the requester');
  }
}
