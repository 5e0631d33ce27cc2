import type { Card } from '../cards/card';
import { noticeCard } from '../cards/notice-card';
import { problemCard } from '../cards/problem-card';
import { notAllowedCard, type Access } from '../app/access';
import { containmentOf, type AppDeps } from '../app/deps';
import { mdeFailureCard } from '../app/mde-failure-card';
import type { Turn } from '../app/turn';
import { actorOf } from '../app/containment/actor';
import { whereDecided } from '../app/containment/where-decided';
import { whereAsked } from '../app/containment/requester-news';
import { postApprovalCard } from '../app/containment/approval-viewers';
import { auditUnavailableCard } from '../app/containment/outcome-cards';

/** Form problems as one card: the first lines, bounded, and where to get a fresh card. */
export const formProblems = (again: string) => (title: string, lines: string[]): Card =>
  problemCard({ title, detail: lines.slice(0, 8).join(' · ').slice(0, 1_200), action: `Fix the form, or ${again} for a fresh card.` });

export interface IndicatorAsk {
  /** `{ kind, target, parameters, reason }` for the service. */
  input: unknown;
  /** "Block", "Removal", "Extension": the start of every title. */
  noun: string;
  /** The notice once asked, e.g. "Removal of 3 indicators requested". */
  requested: string;
  next?: string;
  problems: (title: string, lines: string[]) => Card;
  /** The kind's pre-check refusal, in lines for the card. */
  refused: (refusal: { reason: string; detail: Record<string, unknown> }) => { title: string; lines: string[] };
}

/**
 * The indicator kinds' "Send for approval": asks the containment service for one request over the
 * whole set, posts its approval card, and answers the click with the notice or the refusal.
 */
export async function askIndicatorApproval(turn: Turn, deps: AppDeps, access: Access, ask: IndicatorAsk): Promise<Card> {
  const app = containmentOf(deps);
  const result = await app.service.request({ actor: actorOf(turn, access), tenantId: turn.tenantId ?? '', conversation: whereAsked(turn), input: ask.input });
  if (result.ok) {
    await postApprovalCard(turn, app, deps.roles, result.request);
    turn.log.info({ requestId: result.request.id, kind: result.request.kind }, 'indicator request opened');
    return noticeCard({ title: ask.requested, detail: `Request ${result.request.id}: waiting for an approver. ${whereDecided(turn, app)}`.trim(), ...(ask.next ? { next: ask.next } : {}) });
  }
  switch (result.reason) {
    case 'invalid-input':
      return ask.problems(`${ask.noun} not requested: please fix the form`, result.issues);
    case 'precheck-refused': {
      const { title, lines } = ask.refused(result.refusal);
      return ask.problems(title, lines);
    }
    case 'precheck-failed':
      return mdeFailureCard(result.error, "Reading Defender's indicators") ?? auditUnavailableCard(false);
    case 'audit-unavailable':
      return auditUnavailableCard(false);
    default:
      return notAllowedCard(access, 'request-containment');
  }
}
