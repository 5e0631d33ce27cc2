import { z } from 'zod';
import { CARD_VERBS } from '../../cards/card-verbs';
import { noticeCard } from '../../cards/notice-card';
import { problemCard } from '../../cards/problem-card';
import { formatCount } from '../../cards/format';
import { notAllowedCard } from '../../app/access';
import { containmentOf } from '../../app/deps';
import { mdeFailureCard } from '../../app/mde-failure-card';
import type { ActionHandler } from '../../app/router';
import { actorOf } from '../../app/containment/actor';
import { whereDecided } from '../../app/containment/where-decided';
import { whereAsked } from '../../app/containment/requester-news';
import { postApprovalCard } from '../../app/containment/approval-viewers';
import { auditUnavailableCard } from '../../app/containment/outcome-cards';

const extendForm = z.object({ setId: z.string().max(64), byDays: z.coerce.number().int().min(1).max(365).default(30), onlyIds: z.string().max(16_000).optional(), reason: z.string().max(4000).default('') });
const problems = (title: string, lines: string[]) => problemCard({ title, detail: lines.slice(0, 8).join(' · ').slice(0, 1_200), action: 'Fix the form, or run /indicators again for a fresh card.' });

/** "Send for approval" under "Extend the N expiring soon": the stored set (or ids typed from it), one approval. */
export const requestExtendIndicatorsHandler: ActionHandler = {
  verb: CARD_VERBS.indicatorsExtendRequest,
  requires: 'request-containment',
  async run(turn, deps, access) {
    const form = extendForm.safeParse(turn.action?.data ?? {});
    if (!form.success) return problems('Extension not requested: please fix the form', form.error.issues.map((i) => `${i.path.join('.') || 'form'}: ${i.message}`));
    const set = await deps.iocSets?.loadIds(form.data.setId, (deps.now ?? Date.now)());
    if (!set) return problems('Extension not requested: this card is too old', ['The set behind it is gone (kept for a day).']);
    const typed = (form.data.onlyIds ?? '').split(/[\s,]+/).filter(Boolean);
    const outside = typed.filter((id) => !set.ids.includes(id));
    if (outside.length > 0) return problems('Extension not requested: ids not in this set', outside.slice(0, 8).map((id) => id.slice(0, 64)));
    const ids = typed.length > 0 ? [...new Set(typed)] : set.ids;
    const app = containmentOf(deps);
    const input = { kind: 'extend-indicators', target: { ids, selection: set.selection ?? 'expiring within 7 days' }, parameters: { byDays: form.data.byDays }, reason: form.data.reason };
    const result = await app.service.request({ actor: actorOf(turn, access), tenantId: turn.tenantId ?? '', conversation: whereAsked(turn), input });
    if (result.ok) {
      await postApprovalCard(turn, app, deps.roles, result.request);
      return noticeCard({ title: `Extension of ${formatCount(ids.length) ?? ''} indicators requested`, detail: `Request ${result.request.id}: waiting for an approver. ${whereDecided(turn, app)}`.trim() });
    }
    switch (result.reason) {
      case 'invalid-input':
        return problems('Extension not requested: please fix the form', result.issues);
      case 'precheck-refused':
        return problems('Extension not requested', [String(result.refusal.detail.detail ?? result.refusal.reason)]);
      case 'precheck-failed':
        return mdeFailureCard(result.error, "Reading Defender's indicators") ?? auditUnavailableCard(false);
      case 'audit-unavailable':
        return auditUnavailableCard(false);
      default:
        return notAllowedCard(access, 'request-containment');
    }
  },
};
