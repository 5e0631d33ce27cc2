import type { Logger } from 'pino';
import type { RoleResolver } from '../../access/role-resolver';
import { ALL_BUTTONS, NO_BUTTONS, type ApprovalButtons, type ApprovalViewers } from '../../cards/approval-card';
import type { ContainmentRequest } from '../../containment/model';
import { mayDecide } from '../../containment/may-decide';
import type { Turn } from '../turn';
import type { ContainmentApp } from '../deps';
import { within } from '../within';

const APPROVER: ReadonlySet<'approver'> = new Set(['approver']);
const NONE: ReadonlySet<'approver'> = new Set();

/** Teams refreshes a card automatically for at most 60 listed users. */
export const MAX_REFRESH_USERS = 60;
/** Conversations larger than this are not listed (20 pages of 500). */
const MAX_MEMBERS = 10_000;
/**
 * Finding the viewers must not eat the click's time with Teams (the request's MDE checks came
 * first): past this, the card goes without them.
 */
const VIEWERS_WITHIN_MS = 2_000;

export interface ViewersWhere {
  conversationId: string;
  serviceUrl?: string;
  tenantId: string;
}

/** The requester (who gets Cancel) by Teams MRI and Entra object id; none for the audit channel. */
export interface ViewersRequester {
  mri: string;
  aadObjectId: string;
}

/**
 * Who in this conversation gets their own view of an approval card: its approvers (the
 * conversation's members the role source lists as approvers; not the requester under four-eyes)
 * and the requester. Undefined when that cannot be known in time (no roster, a source that cannot
 * list approvers, an error, a slow answer) or when it is more than Teams' 60: then the card goes
 * out as before, every button on it, and the server decides each click regardless.
 */
export async function approvalViewers(
  app: ContainmentApp,
  roles: RoleResolver,
  where: ViewersWhere,
  requester: ViewersRequester | undefined,
  log: Logger,
  withinMs = VIEWERS_WITHIN_MS,
): Promise<ApprovalViewers | undefined> {
  const { roster } = app;
  if (!roster || !roles.approvers || !where.serviceUrl) return undefined;
  const listing = Promise.all([roster.members({ conversationId: where.conversationId, serviceUrl: where.serviceUrl }, MAX_MEMBERS), roles.approvers(where.tenantId)]);
  // Answered late or never, it must not surface as an unhandled rejection.
  listing.catch(() => undefined);
  let settled;
  try {
    settled = await within(listing, withinMs);
  } catch (err) {
    log.warn({ err }, 'could not list who may decide in this conversation; the approval card keeps all its buttons');
    return undefined;
  }
  if (!settled.done) {
    log.warn({ withinMs }, 'listing who may decide here took too long; the approval card keeps all its buttons');
    return undefined;
  }
  const [members, approvers] = settled.value;
  if (!members) return undefined;
  // Everyone listed here is asked about a request that waits (the card is posted or first drawn now).
  const waiting = { state: 'requested' as const, requester };
  const deciders = members.filter((m) => m.aadObjectId && mayDecide({ aadObjectId: m.aadObjectId, roles: approvers.has(m.aadObjectId.toLowerCase()) ? APPROVER : NONE }, waiting, app).ok);
  const userIds = [...new Set([...(requester?.mri ? [requester.mri] : []), ...deciders.map((m) => m.id)])];
  if (userIds.length > MAX_REFRESH_USERS) {
    log.info({ approvers: deciders.length }, 'more approvers here than Teams refreshes for; the approval card keeps all its buttons');
    return undefined;
  }
  if (userIds.length === 0) return undefined;
  return { userIds, approverNames: deciders.map((m) => m.name || 'an approver') };
}

/**
 * The buttons on the card as posted, which everyone Teams does not refresh sees: none once Teams
 * will give each listed viewer their own (approvers Approve and Deny, the requester Cancel). Where
 * the card is one view for all, Approve and Deny go only where someone present can use them.
 */
export function postedButtons(app: ContainmentApp, viewers: ApprovalViewers | undefined): ApprovalButtons {
  if (!viewers) return ALL_BUTTONS;
  if (app.perUserViews) return NO_BUTTONS;
  return viewers.approverNames.length > 0 ? ALL_BUTTONS : { approve: false, deny: false, cancel: true };
}

/**
 * Posts a new request's approval card where it was asked, with its viewers when they can be
 * known, and remembers the message so decisions redraw it for everyone.
 */
export async function postApprovalCard(turn: Turn, app: ContainmentApp, roles: RoleResolver, request: ContainmentRequest, warnings: string[] = []): Promise<void> {
  const viewers = await approvalViewers(app, roles, { conversationId: turn.conversation.id, serviceUrl: turn.conversation.serviceUrl, tenantId: request.tenantId }, { mri: turn.user.id, aadObjectId: turn.user.aadObjectId ?? '' }, turn.log);
  const activityId = await turn.reply(app.presenter.card(request, { buttons: postedButtons(app, viewers), viewers, warnings }));
  if (!activityId) return;
  const attached = await app.service.attachCard(request.id, request.tenantId, activityId);
  if (!attached.ok) turn.log.warn({ requestId: request.id, reason: attached.reason }, 'could not remember the approval card');
}
