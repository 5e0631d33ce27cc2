import type { Logger } from 'pino';
import { approvalCard, NO_BUTTONS, type ApprovalButtons, type ApprovalViewers } from '../../cards/approval-card';
import type { ActionViews } from '../../cards/action-view';
import { auditRootCard } from '../../cards/audit-channel-card';
import type { AuditWords } from '../../cards/audit-words';
import type { Card } from '../../cards/card';
import type { AuditEntry } from '../../audit/journal';
import type { ContainmentRequest } from '../../containment/model';
import type { Access } from '../access';
import type { CardUpdater } from '../card-updater';
import type { Turn } from '../turn';
import { buttonsFor } from './actor';
import { replacePosted } from './posted-card';

/**
 * The one place a request's approval card is drawn and redrawn, from the request's state: for
 * everyone in the conversation (`show`, every redraw: a click's outcome, "executing…", an expiry
 * found by a click, the sweeps' and the follower's changes), for one viewer (`forViewer`: the
 * card's refresh and a refused click), as posted (`card`, src/app/containment/approval-viewers.ts)
 * and, in the audit channel, the request's first post once it has moved on (`auditRoot`: the
 * outbox redraws it as it posts the entry that moved the request on, so that it stays in the
 * channel's delivery order, src/audit/outbox-roots.ts). Each kind's words come from its view.
 * Built once, in main.ts (ContainmentApp.presenter).
 */
export interface ApprovalPresenter {
  /**
   * Redraws the posted approval card for everyone (Teams' invoke answer only changes the
   * clicker's copy): in place while `turn` lasts and the click came from the card's own
   * conversation, else proactively. Cosmetic next to the change itself, which is stored and
   * journaled already: false when not done (nowhere to draw, or Teams refused; logged), never throws.
   */
  show(request: ContainmentRequest, turn?: Turn): Promise<boolean>;
  /** The card as everyone may see it (no buttons unless given), e.g. a click's answer or the posted card. */
  card(request: ContainmentRequest, options?: { buttons?: ApprovalButtons; notice?: string; viewers?: ApprovalViewers; warnings?: string[] }): Card;
  /** The card as this viewer may use it: their own buttons while it waits (or Approve on a resumable one). */
  forViewer(request: ContainmentRequest, turn: Turn, access: Access, notice?: string): Card;
  /** The audit channel's first post of a request (`root`), once `latest` moved it on. */
  auditRoot(root: AuditEntry, latest: AuditEntry): Card;
}

/**
 * The buttons everyone sees on a redrawn card: none, except Approve on an approval whose start was
 * undone (the journal refused it), which an approver's click resumes. Who may use a button is
 * each viewer's own refresh (and the service, on the click).
 */
export function everyonesButtons(request: ContainmentRequest): ApprovalButtons {
  return request.state === 'approved' && request.resumable === true ? { approve: true, deny: false, cancel: false } : NO_BUTTONS;
}

export interface PresenterOptions {
  /** CONTAINMENT_FOUR_EYES: which buttons a viewer sees (the service enforces it on the click). */
  fourEyes: boolean;
  /** The kinds' words for the journal's codes, for the audit channel. */
  words?: AuditWords;
}

export function createApprovalPresenter(cards: CardUpdater | undefined, log: Logger, views: ActionViews, options: PresenterOptions): ApprovalPresenter {
  const card: ApprovalPresenter['card'] = (request, drawn = {}) => approvalCard({ request, view: views.of(request.kind), buttons: drawn.buttons ?? NO_BUTTONS, ...drawn });
  return {
    async show(request, turn) {
      const { id: conversationId, activityId, serviceUrl } = request.conversation;
      if (!activityId) return false;
      try {
        return await replacePosted(cards, turn, { conversationId, serviceUrl, activityId }, card(request, { buttons: everyonesButtons(request) }));
      } catch (err) {
        (turn?.log ?? log).warn({ err, requestId: request.id }, 'could not redraw the approval card for everyone');
        return false;
      }
    },
    card,
    forViewer(request, turn, access, notice) {
      const open = request.state === 'requested' || request.resumable === true;
      return card(request, { buttons: open ? buttonsFor(turn, access, request, options.fourEyes) : NO_BUTTONS, ...(notice === undefined ? {} : { notice }) });
    },
    auditRoot: (root, latest) => auditRootCard(root, latest, options.words),
  };
}
