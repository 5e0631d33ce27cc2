/**
 * A problem, explained: a failure (an MDE call, the journal) or a refusal (a role, a form, a
 * request that cannot be made), in the attention tone, with what to do next. Good or neutral news
 * is a notice (notice-card.ts); an unexpected failure is an internal error (error-card.ts).
 */
import problemTemplate from '../../cards/problem.json';
import type { Card } from './card';
import type { Fact } from './card-action';
import { safeText } from './escape';
import { renderCard } from './render';

export interface ProblemCardInput {
  /** What failed, e.g. "Couldn't look up the file in MDE". */
  title: string;
  /** Why, in words, e.g. "MDE refused: the app lacks File.Read.All." */
  detail: string;
  /** What to do, e.g. "Ask an admin to grant File.Read.All to the Verdict app." */
  action: string;
  /** MDE's error.code, when MDE failed. */
  code?: string;
  /** MDE's error.target, which an admin can look up with Microsoft support. */
  correlationId?: string;
  status?: number;
}

interface ProblemView {
  title: string;
  detail: string;
  action: string;
  hasFacts: boolean;
  facts: Fact[];
}

export function problemCard(input: ProblemCardInput): Card {
  const rows: [string, string][] = [
    ['MDE error code', safeText(input.code, 100)],
    ['HTTP status', input.status === undefined ? '' : String(input.status)],
    ['Correlation id', safeText(input.correlationId, 100)],
  ];
  const facts = rows.filter(([, value]) => value !== '').map(([title, value]) => ({ title, value }));
  const view: ProblemView = {
    title: safeText(input.title),
    detail: safeText(input.detail, 600),
    action: safeText(input.action, 600),
    hasFacts: facts.length > 0,
    facts,
  };
  return renderCard(problemTemplate, view);
}
