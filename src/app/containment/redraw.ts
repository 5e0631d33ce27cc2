import type { Logger } from 'pino';
import { approvalCard, NO_BUTTONS } from '../../cards/approval-card';
import type { ContainmentRequest } from '../../containment/model';
import type { CardUpdater } from '../card-updater';

/**
 * Redraws a request's approval card for everyone when something changed without a click (its
 * MachineAction moved on, it expired, recovery settled it). Cosmetic next to the change itself,
 * which is stored and journaled already: a failure is logged, never thrown.
 */
export async function redrawApprovalCard(updater: CardUpdater, request: ContainmentRequest, log: Logger): Promise<boolean> {
  const { id: conversationId, activityId, serviceUrl } = request.conversation;
  if (!activityId || !serviceUrl) return false;
  try {
    await updater.update({ conversationId, serviceUrl, activityId }, approvalCard({ request, buttons: NO_BUTTONS }));
    return true;
  } catch (err) {
    log.warn({ err, requestId: request.id }, 'could not redraw the approval card');
    return false;
  }
}
