import template from '../../cards/audit-notice.json';
import type { Card } from './card';
import type { AuditEntry } from '../audit/journal';
import { auditEntryTitle, when } from './audit-entry-card';
import { safeText } from './escape';
import { renderCard } from './render';
import { REQUEST_ID } from '../containment/model';

export const SKIPPED_TITLE = 'Could not post audit entry';

/**
 * Posted in place of an entry whose card the audit channel would not take, so one entry never
 * holds up the ones after it and the gap is visible. Only what Verdict itself wrote is shown
 * (the entry's type, time and chain position), never the entry's outside text that may be why.
 */
export function auditSkippedCard(entry: AuditEntry, reason: string): Card {
  return renderCard(template, {
    title: `${SKIPPED_TITLE} #${entry.seq}`,
    subtitle: `${safeText(auditEntryTitle(entry), 120)} · ${when(entry)}${entry.requestId && REQUEST_ID.test(entry.requestId) ? ` · request ${entry.requestId}` : ''}`,
    possibleRepeat: false,
    repeatNote: '',
    hasFacts: true,
    facts: [{ title: 'Why', value: safeText(reason, 200) }],
    note: 'The entry is in the audit journal, unchanged: see it with `npm run audit -- export --since ' + String(entry.seq) + '`.',
    chain: `#${entry.seq} ${entry.hash.slice(0, 16)}`,
  });
}
