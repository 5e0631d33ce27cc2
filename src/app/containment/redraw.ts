import type { Logger } from 'pino';
import type { ContainmentRequest } from '../../containment/model';
import type { CardUpdater } from '../card-updater';
import { createApprovalPresenter } from './approval-presenter';

/**
 * Redraws a request's approval card for everyone when something changed without a click (its
 * MachineAction moved on, it expired, recovery settled it), through the approval presenter.
 * Cosmetic next to the change itself, which is stored and journaled already: a failure is logged,
 * never thrown.
 */
export function redrawApprovalCard(updater: CardUpdater, request: ContainmentRequest, log: Logger): Promise<boolean> {
  return createApprovalPresenter(updater, log).show(request);
}
