import type { Actor } from '../../containment/ports';
import type { ContainmentRequest } from '../../containment/model';
import type { ApprovalButtons } from '../../cards/approval-card';
import type { Access } from '../access';
import type { Turn } from '../turn';

/** The clicker as the containment service sees them: identity from the activity, roles resolved now. */
export function actorOf(turn: Turn, access: Access): Actor {
  return { aadObjectId: turn.user.aadObjectId ?? '', name: turn.user.name ?? '', roles: access.roles };
}

const same = (a: string | undefined, b: string) => (a ?? '').toLowerCase() === b.toLowerCase();

/** The buttons this viewer may use on a waiting request (the service decides again on the click). */
export function buttonsFor(turn: Turn, access: Access, request: ContainmentRequest, fourEyes: boolean): ApprovalButtons {
  const isRequester = same(turn.user.aadObjectId, request.requester.aadObjectId);
  const approver = access.roles.has('approver') && !(fourEyes && isRequester);
  return { approve: approver, deny: approver, cancel: isRequester && access.roles.has('responder') };
}
