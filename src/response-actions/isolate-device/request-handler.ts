import { z } from 'zod';
import { CARD_VERBS } from '../../cards/card-verbs';
import { noticeCard } from '../../cards/notice-card';
import { problemCard } from '../../cards/problem-card';
import { clip } from '../../util/clip';
import type { MachineActionSummary } from '../../mde/containment-ports';
import { requestStatus } from '../../cards/request-status';
import { conflictInWords } from '../device-conflicts';
import { isolateDeviceView } from './card-view';
import { ISOLATE_LIMITS, ISOLATION_TYPES, MACHINE_ID } from './request';
import type { MdeMachine } from '../../mde/machine';
import { mdeFailureCard } from '../../app/mde-failure-card';
import { notAllowedCard } from '../../app/access';
import type { ActionHandler } from '../../app/router';
import { actorOf } from '../../app/containment/actor';
import { whereDecided } from '../../app/containment/where-decided';
import { whereAsked } from '../../app/containment/requester-news';
import { postApprovalCard } from '../../app/containment/approval-viewers';
import { auditUnavailableCard } from '../../app/containment/outcome-cards';
import { containmentOf } from '../../app/deps';

/** Only these keys are read from the click; the device is named by its exact 40-hex MDE id. */
const isolateForm = z.object({
  machineId: z.string().trim().toLowerCase().regex(MACHINE_ID),
  isolationType: z.enum(ISOLATION_TYPES).default('Full'),
  reason: z.string().max(4000).default(''),
});

/** Why no isolation was requested, and what to do instead. */
const refusal = (title: string, detail: string, action = 'Use the approval card, or look the device up in the Defender portal.') => problemCard({ title, detail, action });

/**
 * "Send for approval" under "Request isolation". The answer replaces the form's card with the
 * outcome (the alert card can be fetched again with /alertfiles); the approval card is posted.
 * The id from the card is only a question: the device is looked up in Defender by that exact id
 * (never by name), and its name there, not anything the card says, goes on the approval card.
 */
export const requestIsolationHandler: ActionHandler = {
  verb: CARD_VERBS.containmentRequestIsolation,
  requires: 'request-containment',
  async run(turn, deps, access) {
    const app = containmentOf(deps);
    const form = isolateForm.safeParse(turn.action?.data ?? {});
    if (!form.success) {
      return refusal('Isolation not requested', form.error.issues.map((i) => `${i.path.join('.') || 'form'}: ${i.message}`).join('; '), 'Run /alertfiles again and fill in the form.');
    }
    const { machineId, isolationType, reason } = form.data;
    let machine: MdeMachine | null;
    try {
      machine = await deps.mde.getMachine(machineId);
    } catch (err) {
      const card = mdeFailureCard(err, `Looking up the device ${machineId}`);
      if (card) return card;
      throw err;
    }
    if (!machine) {
      turn.log.info({ machineId }, 'isolation refused: no such device in Defender');
      return refusal('Isolation not requested: unknown device', `No device with id ${machineId} in Defender (or it was not seen within its retention period).`, 'Run /alertfiles again and use the button on the device it shows.');
    }
    const name = machine.computerDnsName?.trim();
    const target = name ? { machineId, computerDnsName: clip(name, ISOLATE_LIMITS.computerDnsName) } : { machineId };
    const input = { kind: 'isolate-device', target, parameters: { isolationType }, reason };
    const result = await app.service.request({ actor: actorOf(turn, access), tenantId: turn.tenantId ?? '', conversation: whereAsked(turn), input });
    if (result.ok) {
      await postApprovalCard(turn, app, deps.roles, result.request);
      turn.log.info({ requestId: result.request.id }, 'isolation requested');
      // Under ACTION_POLICY `none` it has run already: say where it stands instead.
      if (result.request.state !== 'requested') return noticeCard({ title: 'Isolation requested', detail: `Request ${result.request.id}: ${requestStatus(result.request, isolateDeviceView).text}`, next: 'No approval was needed (policy). The card above has every step.' });
      return noticeCard({ title: 'Isolation requested', detail: `Request ${result.request.id} is waiting for an approver. ${whereDecided(turn, app)}`, next: 'An approver (not you) approves or denies it.' });
    }
    switch (result.reason) {
      case 'invalid-input':
        return refusal('Isolation not requested: please fix the form', result.issues.slice(0, 10).join('; '), 'Run /alertfiles again and fill in the form.');
      case 'precheck-refused': {
        const conflict = conflictInWords(result.refusal.reason, result.refusal.detail);
        if (conflict) return refusal(`Isolation not requested: ${conflict.title}`, conflict.detail, 'Wait until that request ends (or have it cancelled or denied), then ask again.');
        const existing = result.refusal.detail.existing as MachineActionSummary;
        if (result.refusal.reason === 'already-isolated') {
          // The action's creation time (MDE's list gives no completion time here).
          const asked = existing.creationDateTimeUtc ? `, asked ${existing.creationDateTimeUtc.slice(0, 16).replace('T', ' ')} UTC` : '';
          return refusal(
            `${name ? clip(name, 120) : 'This device'} is already isolated`,
            `Defender isolated it (machine action ${existing.id}${asked}); no new request was made. To change the isolation type, release it first.`,
            `To release it: /devices ${name ? clip(name, 120) : machineId}, then "Release from isolation" (an approver decides).`,
          );
        }
        // The kind's other pre-check refusal (kind.ts): an isolation or release under way in Defender.
        return refusal(
          `${name ? clip(name, 120) : 'This device'} already has an isolation under way`,
          `Machine action ${existing.id} (${existing.type}, ${existing.status}) is still running in Defender; no new request was made.`,
          'Follow it in the Defender portal (device page, Action center).',
        );
      }
      case 'precheck-failed':
        return mdeFailureCard(result.error, `Checking the device's pending actions (${machineId})`) ?? auditUnavailableCard(false);
      case 'audit-unavailable':
        return auditUnavailableCard(false);
      default:
        return notAllowedCard(access, 'request-containment');
    }
  },
};
