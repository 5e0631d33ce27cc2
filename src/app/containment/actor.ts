import type { Actor } from '../../containment/ports';
import type { ContainmentRequest } from '../../containment/model';
import { mayDecide } from '../../containment/may-decide';
import { sameId } from '../../containment/refusal';
import type { ApprovalButtons } from '../../cards/approval-card';
import type { Access } from '../access';
import type { Turn } from '../turn';

/** The clicker as the containment service sees them: identity from the activity, roles resolved now. */
export function actorOf(turn: Turn, access: Access): Actor {
  return { aadObjectId: turn.user.aadObjectId ?? '', name: turn.user.name ?? '', roles: access.roles };
}

/** The buttons this viewer may use on a waiting request (the service decides again on the click). */
export function buttonsFor(turn: Turn, access: Access, request: ContainmentRequest, fourEyes: boolean): ApprovalButtons {
  const viewer = { aadObjectId: turn.user.aadObjectId ?? '', roles: access.roles };
  const approver = mayDecide(viewer, request, { fourEyes }).ok;
  const isRequester = sameId(viewer.aadObjectId, request.requester.aadObjectId);
  return { approve: approver, deny: approver, cancel: isRequester && access.roles.has('responder') };
}
