import template from '../../cards/audit-notice.json';
import type { Card } from './card';
import type { RefusalTally } from '../audit/outbox-noise';
import { REPEAT_NOTE, when } from './audit-entry-card';
import { safeText } from './escape';
import { renderCard } from './render';

export const SUMMARY_TITLE = 'Refused clicks';

/** People listed by name; the rest are counted. */
const PEOPLE_SHOWN = 10;

const REASONS: ReadonlyMap<string, string> = new Map([
  ['no-role', 'has no Verdict role'],
  ['missing-role', 'lacks the role it needs'],
  ['wrong-tenant', 'from a tenant that may not use Verdict'],
  ['not-allowed', 'lacks the role it needs'],
  ['not-found', 'no such request'],
]);

/**
 * Refusals of people with no business here, summarised: each is in the journal, and they are
 * posted after the requests and decisions journaled among them, so they never hold those up.
 * `detailed: false` leaves out the names (the only outside text), for a channel that refused them.
 */
export function auditRefusalSummaryCard(tally: RefusalTally, options: { possibleRepeat?: boolean; detailed?: boolean } = {}): Card {
  const { first, last, count, people } = tally;
  const listed = options.detailed === false ? [] : people.slice(0, PEOPLE_SHOWN);
  const facts = listed.map((p) => ({
    title: safeText(p.name, 60),
    value: safeText(`${p.count} × ${p.verbs.join(', ') || 'a click'}: ${p.reasons.map((r) => REASONS.get(r) ?? r).join('; ')}`, 200),
  }));
  const others = people.length - listed.length;
  if (others > 0) facts.push({ title: listed.length > 0 ? 'Others' : 'People', value: `${others} more ${others === 1 ? 'person' : 'people'}` });
  return renderCard(template, {
    title: `${SUMMARY_TITLE}: ${count} from ${people.length} ${people.length === 1 ? 'person' : 'people'}`,
    subtitle: `${when(first)} to ${when(last)} · entries #${first.seq} to #${last.seq}`,
    possibleRepeat: options.possibleRepeat === true,
    repeatNote: REPEAT_NOTE,
    hasFacts: facts.length > 0,
    facts,
    note: `Refused before anything was done. Each one is in the audit journal (\`npm run audit -- export --since ${first.seq}\`); they are summarised here so that they never hold up requests and decisions.`,
    chain: `#${last.seq} ${last.hash.slice(0, 16)}`,
  });
}
