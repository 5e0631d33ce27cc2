import type { Logger } from 'pino';
import { approvalCard, NO_BUTTONS, type ApprovalButtons } from '../../cards/approval-card';
import type { ActionViews } from '../../cards/action-view';
import type { ContainmentRequest } from '../../containment/model';
import type { CardUpdater } from '../card-updater';
import type { Turn } from '../turn';
import { replacePosted } from './posted-card';

/**
 * The one way the conversation's approval card is redrawn for everyone, from the request's state.
 * Every redraw (a click's outcome, "executing…", an expiry found by a click, the sweeps' and the
 * follower's changes) goes through `show`; nothing else in the app or the domain updates that
 * card. The audit channel's copy (its thread's root post) is redrawn by the outbox as it posts
 * the entry that moved the request on (src/audit/outbox-roots.ts), so that it stays in the
 * channel's delivery order.
 */
export interface ApprovalPresenter {
  /**
   * Redraws the posted approval card for everyone (Teams' invoke answer only changes the
   * clicker's copy): in place while `turn` lasts and the click came from the card's own
   * conversation, else proactively. Cosmetic next to the change itself, which is stored and
   * journaled already: false when not done (nowhere to draw, or Teams refused; logged), never throws.
   */
  show(request: ContainmentRequest, turn?: Turn): Promise<boolean>;
}

/**
 * The buttons everyone sees on a redrawn card: none, except Approve on an approval whose start was
 * undone (the journal refused it), which an approver's click resumes. Who may use a button is
 * each viewer's own refresh (and the service, on the click).
 */
export function everyonesButtons(request: ContainmentRequest): ApprovalButtons {
  return request.state === 'approved' && request.resumable === true ? { approve: true, deny: false, cancel: false } : NO_BUTTONS;
}

export function createApprovalPresenter(cards: CardUpdater | undefined, log: Logger, views: ActionViews): ApprovalPresenter {
  return {
    async show(request, turn) {
      const { id: conversationId, activityId, serviceUrl } = request.conversation;
      if (!activityId) return false;
      try {
        return await replacePosted(cards, turn, { conversationId, serviceUrl, activityId }, approvalCard({ request, view: views.of(request.kind), buttons: everyonesButtons(request) }));
      } catch (err) {
        (turn?.log ?? log).warn({ err, requestId: request.id }, 'could not redraw the approval card for everyone');
        return false;
      }
    },
  };
}
