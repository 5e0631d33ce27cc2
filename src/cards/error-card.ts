import internalErrorTemplate from '../../cards/internal-error.json';
import type { Card } from './card';
import { safeText } from './escape';
import { renderCard } from './render';

/** The answer to an unexpected failure: no internals, only an id that finds the log entry. */
export function internalErrorCard({ correlationId }: { correlationId: string }): Card {
  return renderCard(internalErrorTemplate, { correlationId: safeText(correlationId, 100) || 'unavailable' });
}
