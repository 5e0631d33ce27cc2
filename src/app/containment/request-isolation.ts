import { z } from 'zod';
import { approvalCard, ALL_BUTTONS } from '../../cards/approval-card';
import { CARD_VERBS } from '../../cards/card-verbs';
import { mdeErrorCard } from '../../cards/error-card';
import { ISOLATION_TYPES, MACHINE_ID } from '../../containment/model';
import { mdeFailureCard } from '../mde-failure-card';
import { notAllowedCard } from '../access';
import type { ActionHandler } from '../router';
import { actorOf } from './actor';
import { auditUnavailableCard, containmentOffCard } from './outcome-cards';

/** Only these keys are read from the click; the device is named by its exact 40-hex MDE id. */
const isolateForm = z.object({
  machineId: z.string().trim().toLowerCase().regex(MACHINE_ID),
  isolationType: z.enum(ISOLATION_TYPES).default('Full'),
  reason: z.string().max(4000).default(''),
});

const notice = (title: string, detail: string, action = 'Use the approval card, or look the device up in the Defender portal.') => mdeErrorCard({ title, detail, action });

/**
 * "Send for approval" under "Request isolation". The answer replaces the form's card with the
 * outcome (the alert card can be fetched again with /alertfiles); the approval card is posted.
 */
export const requestIsolationAction: ActionHandler = {
  verb: CARD_VERBS.containmentRequestIsolation,
  requires: 'request-containment',
  async run(turn, deps, access) {
    const app = deps.containment;
    if (!app) return containmentOffCard();
    const form = isolateForm.safeParse(turn.action?.data ?? {});
    if (!form.success) {
      return notice('Isolation not requested', form.error.issues.map((i) => `${i.path.join('.') || 'form'}: ${i.message}`).join('; '), 'Run /alertfiles again and fill in the form.');
    }
    const { machineId, isolationType, reason } = form.data;
    const input = { kind: 'isolate-device', target: { machineId }, parameters: { isolationType }, reason };
    const result = await app.service.request({ actor: actorOf(turn, access), tenantId: turn.tenantId ?? '', conversation: { id: turn.conversation.id }, input });
    if (result.ok) {
      const activityId = await turn.reply(approvalCard({ request: result.request, buttons: ALL_BUTTONS }));
      if (activityId) await app.service.attachCard(result.request.id, result.request.tenantId, activityId);
      turn.log.info({ requestId: result.request.id }, 'isolation requested');
      return notice('Isolation requested', `Request ${result.request.id} is waiting for an approver: the approval card is posted in this conversation.`, 'An approver approves or denies it there.');
    }
    switch (result.reason) {
      case 'invalid-input':
        return notice('Isolation not requested: please fix the form', result.issues.slice(0, 10).join('; '), 'Run /alertfiles again and fill in the form.');
      case 'already-pending':
        return notice(
          'This device already has an isolation under way',
          `Machine action ${result.existing.id} (${result.existing.type}, ${result.existing.status}) is still running in Defender; no new request was made.`,
          'Follow it in the Defender portal (device page, Action center).',
        );
      case 'precheck-failed':
        return mdeFailureCard(result.error, `Checking the device's pending actions (${machineId})`) ?? auditUnavailableCard(false);
      case 'audit-unavailable':
        return auditUnavailableCard(false);
      case 'already-blocked':
      case 'quota-exceeded':
        return notice('Isolation not requested', 'Defender refused the pre-check.');
      default:
        return notAllowedCard(access, 'request-containment');
    }
  },
};
