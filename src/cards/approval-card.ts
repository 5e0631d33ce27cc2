import approvalTemplate from '../../cards/approval.json';
import type { Card } from '../app/card';
import type { ContainmentRequest } from '../containment/model';
import type { CardAction, Fact } from './card-action';
import { CARD_VERBS } from './card-verbs';
import { safeText } from './escape';
import { formatUtc } from './format';
import { renderCard } from './render';
import type { CardColor } from './verdict-card';

/** Which buttons this viewer gets. The server decides every click anyway; this is only the view. */
export interface ApprovalButtons {
  approve: boolean;
  deny: boolean;
  cancel: boolean;
}

export const ALL_BUTTONS: Readonly<ApprovalButtons> = Object.freeze({ approve: true, deny: true, cancel: true });
export const NO_BUTTONS: Readonly<ApprovalButtons> = Object.freeze({ approve: false, deny: false, cancel: false });

export interface ApprovalCardInput {
  request: ContainmentRequest;
  buttons: ApprovalButtons;
  /** Shown on top, e.g. why a click was refused. Plain text; escaped here. */
  notice?: string;
  /** e.g. "Indicator quota: 14,000 of 15,000 in use". Plain text. */
  warnings?: string[];
}

interface ApprovalView {
  hasNotice: boolean;
  notice: string;
  heading: string;
  stateText: string;
  stateColor: CardColor;
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
  const { request, buttons } = input;
  const pending = request.state === 'requested';
  const view: ApprovalView = {
    hasNotice: Boolean(input.notice),
    notice: safeText(input.notice, 400),
    heading: headingOf(request),
    ...stateLine(request),
    ...targetOf(request),
    facts: [...requestFacts(request), ...(input.warnings ?? []).map((w) => ({ title: 'Note', value: safeText(w, 300) }))].filter((f) => f.value !== ''),
    hasOutcome: false,
    outcomeFacts: outcomeFacts(request).filter((f) => f.value !== ''),
    actions: pending ? actionsFor(request.id, buttons) : [],
  };
  view.hasOutcome = view.outcomeFacts.length > 0;
  const card = renderCard(approvalTemplate, view);
  if (!pending) return card;
  // No userIds: Verdict knows approvers by Entra group, not by Teams MRI. Teams then refreshes for
  // everyone in chats and channels of up to 60 members; larger ones see this default view.
  return { ...card, refresh: { action: { type: 'Action.Execute', verb: CARD_VERBS.containmentView, data: { requestId: request.id } } } };
}

/** Says what approving will do: an Allowed indicator allow-lists the file, an Audit one only alerts. */
function headingOf(r: ContainmentRequest): string {
  if (r.kind !== 'block-file') return 'Containment request: isolate a device';
  switch (r.parameters.action) {
    case 'Allowed':
      return 'Indicator request: ALLOW a file (allow-list it; Defender will not block it)';
    case 'Audit':
      return 'Indicator request: audit a file (alert only; the file is not blocked)';
    default:
      return 'Containment request: block a file';
  }
}

function stateLine(r: ContainmentRequest): { stateText: string; stateColor: CardColor } {
  const by = r.decision ? person(r.decision.by) : '';
  const noun = r.kind === 'block-file' ? 'Indicator' : 'Machine action';
  switch (r.state) {
    case 'requested':
      return { stateText: `Waiting for an approver (until ${at(r.expiresAt)})`, stateColor: 'warning' };
    case 'approved':
    case 'executing':
      return { stateText: `Approved by ${by}: executing in Defender…`, stateColor: 'warning' };
    case 'succeeded':
      return { stateText: `Approved by ${by}: done. ${noun} ${safeText(r.execution?.mdeId, 80)}`.trim(), stateColor: 'good' };
    case 'failed':
      return { stateText: `Approved by ${by}, but Defender did not do it`, stateColor: 'attention' };
    case 'denied':
      return { stateText: `Denied by ${by}`, stateColor: 'attention' };
    case 'expired':
      return { stateText: 'Expired: nobody decided in time. Ask again if it is still needed.', stateColor: 'default' };
    case 'cancelled':
      return { stateText: `Cancelled by ${person(r.requester)}`, stateColor: 'default' };
  }
}

function targetOf(r: ContainmentRequest): { targetTitle: string; targetValue: string } {
  if (r.kind === 'block-file') {
    const sha = r.target.sha256 ?? r.target.sha1 ?? '';
    return { targetTitle: r.target.sha256 ? 'SHA-256' : 'SHA-1', targetValue: safeText(sha, 64) };
  }
  return { targetTitle: 'Device id', targetValue: safeText(r.target.machineId, 40) };
}

function requestFacts(r: ContainmentRequest): Fact[] {
  const common: Fact[] = [
    { title: 'Requested by', value: `${person(r.requester)}, ${at(r.createdAt)}` },
    { title: 'Reason', value: safeText(r.reason, 600) },
  ];
  if (r.kind === 'isolate-device') {
    return [
      { title: 'Device', value: safeText(r.target.computerDnsName, 120) },
      { title: 'Isolation', value: r.parameters.isolationType === 'Full' ? 'Full' : 'Selective (Outlook, Teams and Skype keep working)' },
      ...common,
      { title: 'Request', value: safeText(r.id, 64) },
    ];
  }
  const p = r.parameters;
  return [
    { title: 'Verdict', value: safeText(r.target.verdict, 40) },
    { title: 'File', value: safeText(r.target.fileName, 120) },
    { title: 'Action', value: `${safeText(p.action, 40)}${p.generateAlert ? ', with alert' : ''} (${safeText(p.severity, 20)})` },
    { title: 'Indicator expires', value: at(p.expirationTime) },
    { title: 'Device groups', value: p.rbacGroupNames?.length ? safeText(p.rbacGroupNames.join(', '), 300) : 'all devices' },
    { title: 'Title', value: safeText(p.title, 120) },
    ...common,
    { title: 'Request', value: safeText(r.id, 64) },
  ];
}

function outcomeFacts(r: ContainmentRequest): Fact[] {
  const facts: Fact[] = [];
  if (r.decision) {
    facts.push({ title: r.state === 'denied' ? 'Denied by' : 'Approved by', value: `${person(r.decision.by)}, ${at(r.decision.at)}` });
    if (r.decision.comment) facts.push({ title: 'Comment', value: safeText(r.decision.comment, 600) });
  }
  const e = r.execution;
  if (e) {
    facts.push({ title: r.kind === 'block-file' ? 'Indicator id' : 'Machine action id', value: safeText(e.mdeId, 80) });
    facts.push({ title: 'MDE status', value: safeText(e.mdeStatus, 40) });
    if (e.note) facts.push({ title: 'Note', value: safeText(e.note, 40) });
    if (e.error) {
      const perms = e.error.permissions?.length ? ` The app lacks ${e.error.permissions.join(', ')}: ask an admin to grant it.` : '';
      facts.push({ title: 'MDE error', value: safeText(`${e.error.message}${perms}`, 600) });
      facts.push({ title: 'MDE error code', value: safeText(e.error.code, 100) });
      facts.push({ title: 'Correlation id', value: safeText(e.error.correlationId, 100) });
    }
    facts.push({ title: 'Finished', value: at(e.finishedAt) });
  }
  return facts;
}

function actionsFor(requestId: string, buttons: ApprovalButtons): CardAction[] {
  const data = { requestId };
  const actions: CardAction[] = [];
  if (buttons.approve) actions.push({ type: 'Action.Execute', title: 'Approve', verb: CARD_VERBS.containmentApprove, data });
  if (buttons.deny) {
    actions.push({
      type: 'Action.ShowCard',
      title: 'Deny',
      card: {
        type: 'AdaptiveCard',
        body: [{ type: 'Input.Text', id: 'comment', label: 'Why not? (the requester sees this)', isMultiline: true, maxLength: 1000, isRequired: true, errorMessage: 'Say why' }],
        actions: [{ type: 'Action.Execute', title: 'Deny request', verb: CARD_VERBS.containmentDeny, data, associatedInputs: 'auto' }],
      },
    });
  }
  if (buttons.cancel) actions.push({ type: 'Action.Execute', title: 'Cancel request', verb: CARD_VERBS.containmentCancel, data });
  return actions;
}
