import { z } from 'zod';
import { CARD_VERBS } from '../../cards/card-verbs';
import { noticeCard } from '../../cards/notice-card';
import { problemCard } from '../../cards/problem-card';
import { formatCount } from '../../cards/format';
import type { Card } from '../../cards/card';
import type { RequestResult } from '../../containment/deps';
import { notAllowedCard, type Access } from '../../app/access';
import { containmentOf, type AppDeps } from '../../app/deps';
import { mdeFailureCard } from '../../app/mde-failure-card';
import type { ActionHandler } from '../../app/router';
import type { Turn } from '../../app/turn';
import { actorOf } from '../../app/containment/actor';
import { whereDecided } from '../../app/containment/where-decided';
import { whereAsked } from '../../app/containment/requester-news';
import { postApprovalCard } from '../../app/containment/approval-viewers';
import { auditUnavailableCard } from '../../app/containment/outcome-cards';
import { FILE_ACTIONS, NETWORK_ACTIONS, SEVERITIES } from './plan';

const DAY_MS = 86_400_000;

/** The button's data and the form's inputs; only these keys are read, the kind applies the real rules. */
const blockIocsForm = z.object({
  setId: z.string().max(64),
  fileAction: z.enum(FILE_ACTIONS).default('Block'),
  networkAction: z.enum(NETWORK_ACTIONS).default('Block'),
  severity: z.enum(SEVERITIES).default('High'),
  expiryDays: z.coerce.number().int().min(1).max(365).default(30),
  title: z.string().max(4000).default(''),
  description: z.string().max(16000).default(''),
  reason: z.string().max(4000).default(''),
  deviceGroups: z.string().max(16000).optional(),
});

const problems = (title: string, lines: string[]) => problemCard({ title, detail: lines.slice(0, 8).join(' · ').slice(0, 1_200), action: 'Fix the form, or paste the advisory again for a fresh card.' });

/**
 * "Send for approval" under "Block the N not covered": loads the stored set by its id (the card
 * carries nothing else), asks the service (the kind checks values, actions and the quota), and
 * posts one approval card for the whole set.
 */
export const requestBlockIocsHandler: ActionHandler = {
  verb: CARD_VERBS.indicatorsBlockRequest,
  requires: 'request-containment',
  async run(turn, deps, access) {
    const form = blockIocsForm.safeParse(turn.action?.data ?? {});
    if (!form.success) return problems('Block not requested: please fix the form', form.error.issues.map((i) => `${i.path.join('.') || 'form'}: ${i.message}`));
    const f = form.data;
    const now = (deps.now ?? Date.now)();
    const set = await deps.iocSets?.load(f.setId, now);
    if (!set) return problems('Block not requested: this card is too old', ['The IoC set behind it is gone (kept for a day).']);
    const input = {
      kind: 'block-indicators',
      target: { items: set.items },
      parameters: {
        fileAction: f.fileAction,
        networkAction: f.networkAction,
        severity: f.severity,
        expirationTime: new Date(now + f.expiryDays * DAY_MS).toISOString(),
        title: f.title,
        description: f.description,
        rbacGroupNames: (f.deviceGroups ?? '').split(',').map((g) => g.trim()).filter(Boolean),
      },
      reason: f.reason,
    };
    const app = containmentOf(deps);
    const result = await app.service.request({ actor: actorOf(turn, access), tenantId: turn.tenantId ?? '', conversation: whereAsked(turn), input });
    return answer(turn, deps, access, result, set.items.length);
  },
};

async function answer(turn: Turn, deps: AppDeps, access: Access, result: RequestResult, count: number): Promise<Card> {
  const n = formatCount(count) ?? '';
  if (result.ok) {
    const app = containmentOf(deps);
    await postApprovalCard(turn, app, deps.roles, result.request);
    turn.log.info({ requestId: result.request.id, items: count }, 'bulk block requested');
    return noticeCard({ title: `Block of ${n} IoCs requested`, detail: `Request ${result.request.id}: waiting for an approver. ${whereDecided(turn, app)}`.trim(), next: 'Once approved, Verdict imports them (up to 500 a call) and this card shows each result.' });
  }
  switch (result.reason) {
    case 'invalid-input':
      return problems('Block not requested: please fix the form', result.issues);
    case 'precheck-refused':
      return problems(`Block of ${n} IoCs not requested`, refusalLines(result.refusal));
    case 'precheck-failed':
      return mdeFailureCard(result.error, "Reading Defender's indicators") ?? auditUnavailableCard(false);
    case 'audit-unavailable':
      return auditUnavailableCard(false);
    default:
      return notAllowedCard(access, 'request-containment');
  }
}

function refusalLines(refusal: { reason: string; detail: Record<string, unknown> }): string[] {
  const d = refusal.detail;
  switch (refusal.reason) {
    case 'over-cap':
      return [`Defender allows 15,000 active indicators; ${String(d.used)} are in use and this adds ${String(d.adding)}.`, 'Retire redundant ones first (/indicators).'];
    case 'unsupported-action':
      return [String(d.detail ?? 'an action the IoC type does not take')];
    case 'invalid-values':
      return (Array.isArray(d.invalid) ? d.invalid : []).slice(0, 8).map((i: { type?: string; value?: string; code?: string }) => `${String(i.type)} ${String(i.value).slice(0, 80)}: ${String(i.code)}`);
    default:
      return [refusal.reason];
  }
}
