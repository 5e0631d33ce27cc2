import { z } from 'zod';
import { CARD_VERBS } from '../../cards/card-verbs';
import { REQUEST_ID, type ContainmentRequest } from '../../containment/model';
import type { DecideResult } from '../../containment/deps';
import type { Access } from '../access';
import type { Card } from '../../cards/card';
import { containmentOf, type AppDeps, type ContainmentApp } from '../deps';
import type { ActionHandler } from '../router';
import type { Turn } from '../turn';
import { within } from '../within';
import { actorOf } from './actor';
import type { ApprovalPresenter } from './approval-presenter';
import { tellRequester } from './requester-news';
import { auditUnavailableCard, invalidRequestButtonCard, refusalText, requestNotFoundCard } from './outcome-cards';

/** The only fields read from an approval card's data; anything else a client adds is ignored. */
const clickData = z.object({ requestId: z.string().regex(REQUEST_ID), comment: z.string().max(4000).optional() });

type Click = 'approve' | 'deny' | 'cancel' | 'view';

/** The outcome of approve/deny/cancel as the card that replaces the clicked one. */
async function outcomeCard(turn: Turn, deps: AppDeps, access: Access, app: ContainmentApp, presenter: ApprovalPresenter, result: DecideResult, click: Click, requestId: string): Promise<Card> {
  if (result.ok) {
    const card = presenter.card(result.request);
    await presenter.show(result.request, turn);
    // The requester hears of a decision; a cancel is their own doing, so only their card changes.
    await tellRequester(deps, result.request, { turn, notify: click !== 'cancel', log: turn.log });
    return card;
  }
  if (result.reason === 'audit-unavailable') {
    const afterMde = Boolean(result.request?.execution);
    if (result.request && afterMde) await presenter.show(result.request, turn);
    // A start the journal refused was undone: everyone's card says so and offers Approve again.
    const stuck = afterMde ? undefined : await app.service.get(requestId, turn.tenantId ?? '');
    if (stuck?.resumable) await presenter.show(stuck, turn);
    return auditUnavailableCard(afterMde);
  }
  if (result.reason === 'not-found' || result.reason === 'wrong-tenant') return requestNotFoundCard();
  // Refused before the request was read (e.g. a comment over the limit): show the request with why.
  const request = result.request ?? (await app.service.get(requestId, turn.tenantId ?? ''));
  if (!request) return requestNotFoundCard();
  turn.log.info({ requestId: request.id, reason: result.reason }, 'containment click refused');
  // An expiry found by this click changed the request: nobody should keep live buttons on it.
  // (Every later click is refused as expired too, so only the cards change here; no message.)
  if (result.reason === 'expired') {
    await presenter.show(request, turn);
    await tellRequester(deps, request, { turn, notify: false, log: turn.log });
  }
  return presenter.forViewer(request, turn, access, refusalText(result.reason, click));
}

export const DEFAULT_ANSWER_WITHIN_MS = 4_000;

const STILL_RUNNING = 'Defender has not answered yet. The action runs exactly once; this card updates for everyone when Defender answers.';

/**
 * Approve: the service stores `executing`, then calls MDE once. The message is redrawn for everyone
 * as "executing…" before the MDE call (onExecuting). When MDE answers within `answerWithinMs`, the
 * click is answered with the outcome; otherwise (a slow or throttled MDE: the client waits out
 * Retry-After) the click is answered with the "executing…" card, so Teams never shows "Unable to
 * reach app", and the outcome is drawn for everyone proactively when it comes. botbuilder revokes
 * the turn once the invoke is answered, so from then on only proactive updates are used.
 */
async function approve(turn: Turn, deps: AppDeps, access: Access, app: ContainmentApp, presenter: ApprovalPresenter, requestId: string): Promise<Card> {
  let live = true;
  let executing: ContainmentRequest | undefined;
  const decision = app.service.decide(
    'approve',
    { id: requestId, actor: actorOf(turn, access), tenantId: turn.tenantId ?? '' },
    {
      onExecuting: (request) => {
        executing = request;
        return presenter.show(request, live ? turn : undefined).then(() => undefined);
      },
    },
  );
  const background = app.background;
  const settled = background ? await within(decision, app.answerWithinMs ?? DEFAULT_ANSWER_WITHIN_MS) : { done: true as const, value: await decision };
  if (settled.done) return outcomeCard(turn, deps, access, app, presenter, settled.value, 'approve', requestId);

  live = false;
  turn.log.info({ requestId }, 'approval still running in Defender; answering the click now, the card follows');
  background?.run(async () => {
    const result = await decision;
    if (result.request && (result.ok || result.reason === 'audit-unavailable')) await presenter.show(result.request);
    if (result.ok) await tellRequester(deps, result.request, { notify: true, log: turn.log });
  });
  const request = executing ?? (await app.service.get(requestId, turn.tenantId ?? ''));
  return request ? presenter.card(request, { notice: STILL_RUNNING }) : requestNotFoundCard();
}

function handler(verb: string, click: Click): ActionHandler {
  return {
    verb,
    requires: 'lookup',
    async run(turn, deps, access) {
      const app = containmentOf(deps);
      const data = clickData.safeParse(turn.action?.data ?? {});
      if (!data.success) return invalidRequestButtonCard();
      const { requestId, comment } = data.data;
      const tenantId = turn.tenantId ?? '';
      const presenter = app.presenter;
      switch (click) {
        case 'view': {
          const request = await app.service.get(requestId, tenantId);
          if (!request) return requestNotFoundCard();
          return app.presenter.forViewer(request, turn, access);
        }
        case 'approve':
          return approve(turn, deps, access, app, presenter, requestId);
        case 'deny':
          if (!comment?.trim()) {
            const request = await app.service.get(requestId, tenantId);
            if (!request) return requestNotFoundCard();
            return app.presenter.forViewer(request, turn, access, 'Say why you deny the request: the requester sees it.');
          }
          return outcomeCard(turn, deps, access, app, presenter, await app.service.decide('deny', { id: requestId, actor: actorOf(turn, access), tenantId, comment }), 'deny', requestId);
        case 'cancel':
          return outcomeCard(turn, deps, access, app, presenter, await app.service.cancel({ id: requestId, actor: actorOf(turn, access), tenantId }), 'cancel', requestId);
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
