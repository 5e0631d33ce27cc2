import { z } from 'zod';
import { approvalCard, NO_BUTTONS } from '../../cards/approval-card';
import { CARD_VERBS } from '../../cards/card-verbs';
import { REQUEST_ID, type ContainmentRequest } from '../../containment/model';
import type { DecideResult } from '../../containment/deps';
import type { Access } from '../access';
import type { Card } from '../card';
import type { ContainmentApp } from '../deps';
import type { ActionHandler } from '../router';
import type { Turn } from '../turn';
import { actorOf, buttonsFor } from './actor';
import { auditUnavailableCard, containmentOffCard, invalidRequestButtonCard, refusalText, requestNotFoundCard } from './outcome-cards';

/** The only fields read from an approval card's data; anything else a client adds is ignored. */
const clickData = z.object({ requestId: z.string().regex(REQUEST_ID), comment: z.string().max(4000).optional() });

/**
 * Redraws the posted approval card for everyone (Teams' invoke answer only changes the clicker's
 * copy): in place when the click came from the card's own conversation, else proactively (the
 * click came from the audit channel, e.g. for a request made in a personal chat). Cosmetic next
 * to the decision itself, so a failure is logged, not thrown.
 */
async function updateForEveryone(turn: Turn, app: ContainmentApp, request: ContainmentRequest, card: Card): Promise<void> {
  const { id: conversationId, activityId, serviceUrl } = request.conversation;
  if (!activityId) return;
  try {
    if (conversationId === turn.conversation.id) await turn.update(activityId, card);
    else if (app.cards && serviceUrl) await app.cards.update({ conversationId, serviceUrl, activityId }, card);
  } catch (err) {
    turn.log.warn({ err, requestId: request.id }, 'could not update the approval card for everyone');
  }
}

type Click = 'approve' | 'deny' | 'cancel' | 'view';

/** The outcome of approve/deny/cancel as the card that replaces the clicked one. */
async function outcomeCard(turn: Turn, access: Access, app: ContainmentApp, result: DecideResult, click: Click): Promise<Card> {
  if (result.ok) {
    const card = approvalCard({ request: result.request, buttons: NO_BUTTONS });
    await updateForEveryone(turn, app, result.request, card);
    return card;
  }
  if (result.reason === 'audit-unavailable') {
    const afterMde = Boolean(result.request?.execution);
    if (result.request && afterMde) await updateForEveryone(turn, app, result.request, approvalCard({ request: result.request, buttons: NO_BUTTONS }));
    return auditUnavailableCard(afterMde);
  }
  if (result.reason === 'not-found' || result.reason === 'wrong-tenant' || !result.request) return requestNotFoundCard();
  const request = result.request;
  turn.log.info({ requestId: request.id, reason: result.reason }, 'containment click refused');
  // An expiry found by this click changed the request: nobody should keep live buttons on it.
  if (result.reason === 'expired') await updateForEveryone(turn, app, request, approvalCard({ request, buttons: NO_BUTTONS }));
  const buttons = request.state === 'requested' ? buttonsFor(turn, access, request, app.fourEyes) : NO_BUTTONS;
  return approvalCard({ request, buttons, notice: refusalText(result.reason, click) });
}

/**
 * Approve: the service stores `executing`, then calls MDE once. The message is redrawn for everyone
 * as "executing…" before the MDE call (onExecuting), and with the outcome when MDE answers; the
 * click is answered with the outcome. Why await rather than answer early: botbuilder revokes the
 * turn's context once the invoke is answered, so finishing in the background would need a
 * proactive (continueConversation) update, which the edge does not offer yet. If MDE is slower
 * than Teams' 5-15 s invoke limit, the clicker may see "Unable to reach app", but the turn goes on
 * and everyone's card still shows the outcome (the MDE call is bounded by MDE_TIMEOUT_MS).
 */
async function approve(turn: Turn, access: Access, app: ContainmentApp, requestId: string): Promise<Card> {
  const result = await app.service.decide(
    'approve',
    { id: requestId, actor: actorOf(turn, access), tenantId: turn.tenantId ?? '' },
    { onExecuting: (request) => updateForEveryone(turn, app, request, approvalCard({ request, buttons: NO_BUTTONS })) },
  );
  return outcomeCard(turn, access, app, result, 'approve');
}

function handler(verb: string, click: Click): ActionHandler {
  return {
    verb,
    requires: 'lookup',
    async run(turn, deps, access) {
      const app = deps.containment;
      if (!app) return containmentOffCard();
      const data = clickData.safeParse(turn.action?.data ?? {});
      if (!data.success) return invalidRequestButtonCard();
      const { requestId, comment } = data.data;
      const tenantId = turn.tenantId ?? '';
      switch (click) {
        case 'view': {
          const request = await app.service.get(requestId, tenantId);
          if (!request) return requestNotFoundCard();
          const buttons = request.state === 'requested' ? buttonsFor(turn, access, request, app.fourEyes) : NO_BUTTONS;
          return approvalCard({ request, buttons });
        }
        case 'approve':
          return approve(turn, access, app, requestId);
        case 'deny':
          if (!comment?.trim()) {
            const request = await app.service.get(requestId, tenantId);
            if (!request) return requestNotFoundCard();
            const buttons = request.state === 'requested' ? buttonsFor(turn, access, request, app.fourEyes) : NO_BUTTONS;
            return approvalCard({ request, buttons, notice: 'Say why you deny the request: the requester sees it.' });
          }
          return outcomeCard(turn, access, app, await app.service.decide('deny', { id: requestId, actor: actorOf(turn, access), tenantId, comment }), 'deny');
        case 'cancel':
          return outcomeCard(turn, access, app, await app.service.cancel({ id: requestId, actor: actorOf(turn, access), tenantId }), 'cancel');
      }
    },
  };
}

/** Approve, Deny, Cancel and the refresh view of an approval card. Roles are checked by the service. */
export const containmentDecisionActions: readonly ActionHandler[] = [
  handler(CARD_VERBS.containmentApprove, 'approve'),
  handler(CARD_VERBS.containmentDeny, 'deny'),
  handler(CARD_VERBS.containmentCancel, 'cancel'),
  handler(CARD_VERBS.containmentView, 'view'),
];
