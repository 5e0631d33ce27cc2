import { z } from 'zod';
import { noticeCard } from '../../cards/notice-card';
import { problemCard } from '../../cards/problem-card';
import { sourceText } from '../../cards/device-set-card';
import type { BulkAction } from '../../devices/bulk/bulk-action';
import { notAllowedCard } from '../../app/access';
import type { ActionHandler } from '../../app/router';
import { actorOf } from '../../app/containment/actor';
import { whereDecided } from '../../app/containment/where-decided';
import { whereAsked } from '../../app/containment/requester-news';
import { postApprovalCard } from '../../app/containment/approval-viewers';
import { auditUnavailableCard } from '../../app/containment/outcome-cards';
import { containmentOf } from '../../app/deps';
import { mdeFailureCard } from '../../app/mde-failure-card';
import { conflictInWords } from '../device-conflicts';
import type { DeviceActionSpec } from './actions';

/** Only these keys are read from the click; the devices come from the stored set, never from the card. */
const formSchema = z.object({
  setId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
  reason: z.string().max(4000).default(''),
  scanType: z.enum(['Quick', 'Full']).default('Quick'),
  isolationType: z.enum(['Full', 'Selective']).default('Full'),
  tag: z.string().trim().max(200).default(''),
  tagAction: z.enum(['Add', 'Remove']).default('Add'),
  sha1: z.string().trim().toLowerCase().default(''),
});
type Form = z.infer<typeof formSchema>;

function actionOf(spec: DeviceActionSpec, form: Form): BulkAction {
  switch (spec.action) {
    case 'scan':
      return { kind: 'scan', scanType: form.scanType };
    case 'isolate':
      return { kind: 'isolate', isolationType: form.isolationType };
    case 'tag':
      return { kind: 'tag', value: form.tag, tagAction: form.tagAction };
    case 'quarantine':
      return { kind: 'quarantine', sha1: form.sha1 };
    default:
      return { kind: spec.action } as BulkAction;
  }
}

const refusal = (title: string, detail: string, action = 'Run /devices again and fill in the form.') => problemCard({ title, detail, action });

/**
 * The form under a device set card ("Run now" / "Send for approval"): one request for the whole
 * set, its devices loaded from the stored set by the card's opaque id. A kind that runs at once
 * (policy) is executing when this answers; the others wait for an approver.
 */
export function deviceSetRequestHandler(spec: DeviceActionSpec): ActionHandler {
  return {
    verb: spec.verb,
    requires: 'request-containment',
    async run(turn, deps, access) {
      const app = containmentOf(deps);
      if (!deps.devices) return refusal(`${spec.title} not requested`, 'Device sets are not available in this deployment.', 'Ask your Verdict admin.');
      const form = formSchema.safeParse(turn.action?.data ?? {});
      if (!form.success) return refusal(`${spec.title} not requested`, form.error.issues.map((i) => `${i.path.join('.') || 'form'}: ${i.message}`).join('; '));
      const set = await deps.devices.sets.load(form.data.setId);
      if (!set || set.devices.length === 0) return refusal(`${spec.title} not requested`, 'Verdict no longer has the devices of this card.');
      const source = set.source.kind === 'query' ? `advanced hunting query: ${set.source.query}` : sourceText(set.source);
      const input = {
        kind: spec.kind,
        target: { setId: set.id, source: source.slice(0, 2_100), devices: set.devices.map((d) => ({ id: d.id, name: d.name })) },
        parameters: { action: actionOf(spec, form.data) },
        reason: form.data.reason,
      };
      let result;
      try {
        result = await app.service.request({ actor: actorOf(turn, access), tenantId: turn.tenantId ?? '', conversation: whereAsked(turn), input });
      } catch (err) {
        const card = mdeFailureCard(err, spec.title);
        if (card) return card;
        throw err;
      }
      if (result.ok) {
        await postApprovalCard(turn, app, deps.roles, result.request);
        turn.log.info({ requestId: result.request.id, kind: spec.kind, devices: set.devices.length }, 'device action requested');
        const atOnce = result.request.state !== 'requested';
        return noticeCard({
          title: atOnce ? `${spec.title}: started on ${set.devices.length} devices` : `${spec.title} requested for ${set.devices.length} devices`,
          detail: atOnce ? `Request ${result.request.id} runs now (no approval needed for this action); its card shows the progress.` : `Request ${result.request.id} is waiting for an approver. ${whereDecided(turn, app)}`,
          next: atOnce ? 'Every device is followed until Defender finishes.' : 'An approver (not you) approves or denies it.',
        });
      }
      switch (result.reason) {
        case 'invalid-input':
          return refusal(`${spec.title} not requested: please fix the form`, result.issues.slice(0, 10).join('; '));
        case 'precheck-refused': {
          // The kinds' one refusal before storing: an opposing request in flight on some of the devices.
          const words = conflictInWords(result.refusal.reason, result.refusal.detail);
          return refusal(`${spec.title} not requested: ${words?.title ?? 'refused'}`, words?.detail ?? 'Verdict refused this request.', 'Wait until that request ends (or have it cancelled or denied), or run /devices without those devices, then ask again.');
        }
        case 'precheck-failed':
          return mdeFailureCard(result.error, spec.title) ?? auditUnavailableCard(false);
        case 'audit-unavailable':
          return auditUnavailableCard(false);
        default:
          return notAllowedCard(access, 'request-containment');
      }
    },
  };
}
