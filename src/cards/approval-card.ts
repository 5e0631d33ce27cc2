import approvalTemplate from '../../cards/approval.json';
import type { Card } from './card';
import type { ContainmentRequest } from '../containment/model';
import type { ActionCardView } from './action-view';
import { executeAction, type CardAction, type Fact } from './card-action';
import { CARD_VERBS } from './card-verbs';
import { safeText } from './escape';
import { formatUtc } from './format';
import { renderCard } from './render';
import { deciderName, deciderTitle, noteText, requestStatus } from './request-status';
import { containerStyle } from './tone';

/** Which buttons this viewer gets. The server decides every click anyway; this is only the view. */
export interface ApprovalButtons {
  approve: boolean;
  deny: boolean;
  cancel: boolean;
}

export const ALL_BUTTONS: Readonly<ApprovalButtons> = Object.freeze({ approve: true, deny: true, cancel: true });
export const NO_BUTTONS: Readonly<ApprovalButtons> = Object.freeze({ approve: false, deny: false, cancel: false });

/** Who gets their own view of a waiting request's card (Teams' refresh.userIds), and who can decide here. */
export interface ApprovalViewers {
  /** Teams MRIs, at most 60: the approvers in the conversation and the requester. */
  userIds: readonly string[];
  /** Display names of the approvers in the conversation (empty: none is). */
  approverNames: readonly string[];
}

export interface ApprovalCardInput {
  request: ContainmentRequest;
  /** The request's kind's words and facts (src/cards/action-view.ts). */
  view: ActionCardView;
  buttons: ApprovalButtons;
  /** Known when the card is posted: sets refresh.userIds and says who can decide here. */
  viewers?: ApprovalViewers;
  /** Shown on top, e.g. why a click was refused. Plain text; escaped here. */
  notice?: string;
  /** e.g. "Indicator quota: 14,000 of 15,000 in use". Plain text. */
  warnings?: string[];
}

interface ApprovalView {
  hasNotice: boolean;
  notices: { text: string }[];
  heading: string;
  stateText: string;
  /** The state line's container style: the meaning is in its words, never in coloured text. */
  stateStyle: string;
  targetTitle: string;
  targetValue: string;
  facts: Fact[];
  hasOutcome: boolean;
  outcomeFacts: Fact[];
  actions: CardAction[];
}

const person = (p: { name: string; aadObjectId: string }) => safeText(p.name, 100) || safeText(p.aadObjectId, 64);
const at = (iso: string | undefined) => (iso ? (formatUtc(iso) ?? safeText(iso, 40)) : '');

/**
 * The approval card: what will happen, who asked and why, and where it stands. While the request
 * waits, it carries a `refresh` (containment.view) so Teams can give each viewer their own buttons.
 */
export function approvalCard(input: ApprovalCardInput): Card {
  const { request, buttons, view: kind } = input;
  const pending = request.state === 'requested';
  // Approved, but its start was undone (the journal refused it): Approve again starts it.
  const resumable = request.state === 'approved' && request.resumable === true;
  // While the request waits, the kind may warn the approver (e.g. what approving replaces); afterwards it is a fact.
  const notices = [safeText(input.notice, 400), pending ? (kind.waitingNotice?.(request) ?? '') : ''].filter((text) => text !== '').map((text) => ({ text }));
  const target = kind.target(request);
  const view: ApprovalView = {
    hasNotice: notices.length > 0,
    notices,
    heading: kind.heading(request),
    ...stateView(request, kind),
    targetTitle: target.title,
    targetValue: target.value,
    facts: [
      ...kind.facts(request),
      ...commonFacts(request),
      ...(pending && input.viewers ? [{ title: 'Can decide here', value: decidersText(input.viewers) }] : []),
      ...(pending ? [] : (kind.decidedFacts?.(request) ?? [])),
      ...(input.warnings ?? []).map((w) => ({ title: 'Note', value: safeText(w, 300) })),
    ].filter((f) => f.value !== ''),
    hasOutcome: false,
    outcomeFacts: outcomeFacts(request, kind).filter((f) => f.value !== ''),
    actions: pending ? approvalActions(request.id, buttons) : resumable ? approvalActions(request.id, { approve: buttons.approve, deny: false, cancel: false }) : [],
  };
  view.hasOutcome = view.outcomeFacts.length > 0;
  const card = renderCard(approvalTemplate, view);
  if (!pending && !resumable) return card;
  // Without userIds Teams refreshes for everyone in chats and channels of up to 60 members, and
  // larger ones see this card as posted; with them, the listed viewers always get their own view.
  return { ...card, refresh: approvalRefresh(request.id, input.viewers?.userIds) };
}

/** "Megan Bowen", "Megan Bowen, Nestor Wilke and 2 more", or that no approver is in this conversation. */
export function decidersText(viewers: ApprovalViewers): string {
  const names = viewers.approverNames.map((n) => safeText(n, 100));
  if (names.length === 0) return 'no approver is in this conversation';
  if (names.length <= 3) return names.join(', ');
  return `${names.slice(0, 2).join(', ')} and ${names.length - 2} more`;
}

function stateView(r: ContainmentRequest, kind: ActionCardView): { stateText: string; stateStyle: string } {
  const status = requestStatus(r, kind);
  return { stateText: status.text, stateStyle: containerStyle(status.tone) };
}

/** Who asked and why, and the request's id: the same on every kind's card. */
function commonFacts(r: ContainmentRequest): Fact[] {
  return [
    { title: 'Requested by', value: `${person(r.requester)}, ${at(r.createdAt)}` },
    { title: 'Reason', value: safeText(r.reason, 600) },
    { title: 'Request', value: safeText(r.id, 64) },
  ];
}

function outcomeFacts(r: ContainmentRequest, kind: ActionCardView): Fact[] {
  const facts: Fact[] = [];
  const decided = deciderTitle(r);
  if (r.decision && decided) {
    facts.push({ title: decided, value: `${deciderName(r.decision)}, ${at(r.decision.at)}` });
    if (r.decision.comment) facts.push({ title: 'Comment', value: safeText(r.decision.comment, 600) });
  }
  const e = r.execution;
  if (e) {
    facts.push({ title: `${kind.mdeNoun} id`, value: safeText(e.mdeId, 80) });
    // 64: a bulk run's stored status ("Completed: 120 ok, 3 already pending, 1 failed") is that long.
    facts.push({ title: 'MDE status', value: `${safeText(e.mdeStatus, 64)}${e.mdeStatusAt ? ` (as of ${at(e.mdeStatusAt)})` : ''}` });
    facts.push({ title: 'Note', value: noteText(r, kind) });
    if (e.error) {
      const perms = e.error.permissions?.length ? ` The app lacks ${e.error.permissions.join(', ')}: ask an admin to grant it.` : '';
      facts.push({ title: 'MDE error', value: safeText(`${e.error.message}${perms}`, 600) });
      facts.push({ title: 'MDE error code', value: safeText(e.error.code, 100) });
      facts.push({ title: 'Correlation id', value: safeText(e.error.correlationId, 100) });
    }
    facts.push({ title: kind.answeredTitle?.(r) ?? 'Finished', value: at(e.finishedAt) });
  }
  return facts;
}

/** Teams re-asks (containment.view) for each viewer, who then sees the request as it stands, with their own buttons. */
export const approvalRefresh = (requestId: string, userIds?: readonly string[]) => ({
  action: { type: 'Action.Execute', verb: CARD_VERBS.containmentView, data: { requestId } },
  ...(userIds ? { userIds: [...userIds] } : {}),
});

/** The buttons of a waiting request: the approval card's, and the audit channel's request card's. */
export function approvalActions(requestId: string, buttons: ApprovalButtons): CardAction[] {
  const data = { requestId };
  const actions: CardAction[] = [];
  if (buttons.approve) actions.push(executeAction('Approve', CARD_VERBS.containmentApprove, data));
  if (buttons.deny) {
    actions.push({
      type: 'Action.ShowCard',
      title: 'Deny',
      card: {
        type: 'AdaptiveCard',
        body: [{ type: 'Input.Text', id: 'comment', label: 'Why not? (the requester sees this)', isMultiline: true, maxLength: 1000, isRequired: true, errorMessage: 'Say why' }],
        actions: [executeAction('Deny request', CARD_VERBS.containmentDeny, data, { associatedInputs: 'auto' })],
      },
    });
  }
  if (buttons.cancel) actions.push(executeAction('Cancel request', CARD_VERBS.containmentCancel, data));
  return actions;
}
