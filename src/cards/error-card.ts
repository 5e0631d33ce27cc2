/** Cards for failures: an MDE call that failed (expected, explained) and anything else (generic). */
import internalErrorTemplate from '../../cards/internal-error.json';
import mdeErrorTemplate from '../../cards/mde-error.json';
import type { Card } from './card';
import type { Fact } from './card-action';
import { safeText } from './escape';
import { renderCard } from './render';

export interface MdeErrorCardInput {
  /** What failed, e.g. "Couldn't look up the file in MDE". */
  title: string;
  /** Why, in words, e.g. "MDE refused: the app lacks File.Read.All." */
  detail: string;
  /** What to do, e.g. "Ask an admin to grant File.Read.All to the Verdict app." */
  action: string;
  /** MDE's error.code. */
  code?: string;
  /** MDE's error.target, which an admin can look up with Microsoft support. */
  correlationId?: string;
  status?: number;
}

interface MdeErrorView {
  title: string;
  detail: string;
  action: string;
  hasFacts: boolean;
  facts: Fact[];
}

export function mdeErrorCard(input: MdeErrorCardInput): Card {
  const rows: [string, string][] = [
    ['MDE error code', safeText(input.code, 100)],
    ['HTTP status', input.status === undefined ? '' : String(input.status)],
    ['Correlation id', safeText(input.correlationId, 100)],
  ];
  const facts = rows.filter(([, value]) => value !== '').map(([title, value]) => ({ title, value }));
  const view: MdeErrorView = {
    title: safeText(input.title),
    detail: safeText(input.detail, 600),
    action: safeText(input.action, 600),
    hasFacts: facts.length > 0,
    facts,
  };
  return renderCard(mdeErrorTemplate, view);
}

/** The answer to an unexpected failure: no internals, only an id that finds the log entry. */
export function internalErrorCard({ correlationId }: { correlationId: string }): Card {
  return renderCard(internalErrorTemplate, { correlationId: safeText(correlationId, 100) || 'unavailable' });
}
