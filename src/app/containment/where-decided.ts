import type { ContainmentApp } from '../deps';
import type { Turn } from '../turn';

/**
 * Where approvers can decide a request just made, for the requester's confirmation. Nobody else can
 * see a personal chat with Verdict, so there only the audit channel's card (with Approve / Deny)
 * reaches an approver; without an audit channel the requester is told to ask elsewhere.
 */
export function whereDecided(turn: Turn, app: ContainmentApp): string {
  const channel = app.auditChannel?.() ?? false;
  if (turn.conversation.type === 'personal') {
    return channel
      ? 'Approvers decide it in the audit channel, where its card has Approve and Deny; the card here updates when they do.'
      : 'No approver can see this personal chat and no audit channel is set, so nobody can decide it: cancel it and ask in a team channel, or ask your admin to set AUDIT_CHANNEL_ID.';
  }
  return `The approval card is posted in this conversation${channel ? ', and approvers can also decide from the audit channel' : ''}.`;
}
