import * as ACData from 'adaptivecards-templating';
import type { Card } from '../app/card';

/**
 * The one renderer: expands a `cards/*.json` template with a view model.
 *
 * Only the template is parsed for `${…}`; view-model strings are inserted as values, so text
 * such as `${$root.secret}` in a threat name comes out literally. The engine renders a missing
 * field as its own `${path}`, so view models must define every field a template binds (their
 * types do, and the card tests look for stray `${`). The JSON round trip gives callers a plain,
 * detached, serialisable object.
 */
export function renderCard<ViewModel extends object>(template: object, viewModel: ViewModel): Card {
  const expanded: unknown = new ACData.Template(template).expand({ $root: viewModel });
  const card: unknown = JSON.parse(JSON.stringify(expanded));
  if (!isCard(card)) throw new Error('card template did not expand to an AdaptiveCard');
  return card;
}

function isCard(value: unknown): value is Card {
  return typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'AdaptiveCard';
}
