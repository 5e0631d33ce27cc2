import { isMdeError } from '../mde/errors';
import { describeMdeError } from '../mde/describe-error';
import { problemCard } from '../cards/problem-card';
import type { Card } from '../cards/card';

/**
 * The card for an expected MDE failure (what failed, MDE's code and correlation id, what to do),
 * or undefined when `err` is not an MDE failure and should go to the turn-level handler.
 */
export function mdeFailureCard(err: unknown, what: string): Card | undefined {
  if (!isMdeError(err)) return undefined;
  const text = describeMdeError(err);
  return problemCard({
    title: text.title,
    detail: `${what}: ${text.detail}`,
    action: text.action,
    code: err.code,
    correlationId: err.target,
    status: err.status,
  });
}
