import type { Logger } from 'pino';
import { requestNewsCard } from '../../cards/request-news-card';
import { TERMINAL_STATES, type ContainmentRequest } from '../../containment/model';
import type { ContainmentService } from '../../containment/service';
import type { AppDeps } from '../deps';
import type { Turn } from '../turn';
import { replacePosted } from './posted-card';

/** Where a request is asked from: the requester's conversation, the card they clicked, and who they are. */
export function whereAsked(turn: Turn) {
  return { id: turn.conversation.id, serviceUrl: turn.conversation.serviceUrl, originActivityId: turn.clickedActivityId, type: turn.conversation.type, requesterId: turn.user.id };
}

/**
 * Whether the requester should hear about this state without having clicked: it ended (denied,
 * expired, failed, done in Defender), but not by their own cancel, and a followed action (an
 * isolation's MachineAction) only once it has a final status (its moves in between only redraw their card).
 */
export const newsForRequester = (r: ContainmentRequest, service: Pick<ContainmentService, 'follows'>): boolean =>
  TERMINAL_STATES.has(r.state) && r.state !== 'cancelled' && !service.follows(r);

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
  const app = deps.containment;
  if (!app) return;
  const cards = app.cards;
  const kind = app.actions.of(r.kind);
  try {
    if (originActivityId) {
      const card = await kind.originCard(r, deps);
      await replacePosted(cards, options.turn, { conversationId, serviceUrl, activityId: originActivityId }, card);
    }
  } catch (err) {
    options.log.warn({ err, requestId: r.id }, 'could not redraw the card the request was made from');
  }
  if (!options.notify) return;
  try {
    const news = requestNewsCard(r, kind.view);
    if (here) await here.reply(news);
    else if (cards?.post && serviceUrl) await cards.post({ conversationId, serviceUrl }, news);
    else options.log.info({ requestId: r.id }, 'no way to tell the requester outside their conversation');
  } catch (err) {
    options.log.warn({ err, requestId: r.id }, 'could not tell the requester');
  }
}
