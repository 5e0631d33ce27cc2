import template from '../../cards/audit-entry.json';
import type { Card } from '../app/card';
import type { AuditEntry } from '../audit/journal';
import type { Fact } from './card-action';
import { safeText } from './escape';
import { renderCard } from './render';

const TITLES: Record<AuditEntry['type'], string> = {
  'containment.requested': 'Containment requested',
  'containment.approved': 'Approved',
  'containment.denied': 'Denied',
  'containment.refused': 'Refused',
  'containment.executing': 'Sent to Defender',
  'containment.succeeded': 'Defender accepted',
  'containment.failed': 'Failed',
  'containment.expired': 'Expired without a decision',
  'containment.cancelled': 'Cancelled by the requester',
  'command.run': 'Command',
};

const COLORS: Partial<Record<AuditEntry['type'], string>> = {
  'containment.failed': 'attention',
  'containment.refused': 'warning',
  'containment.denied': 'warning',
  'containment.succeeded': 'good',
};

export const auditEntryTitle = (type: AuditEntry['type']): string => TITLES[type];
export const auditEntryColor = (type: AuditEntry['type']): string => COLORS[type] ?? 'default';

/** Plain values only, one line each: the channel card is compact; the journal keeps everything. */
function facts(data: Record<string, unknown>): Fact[] {
  return Object.entries(data)
    .filter(([, v]) => v !== null && v !== undefined && typeof v !== 'object')
    .slice(0, 12)
    .map(([k, v]) => ({ title: safeText(k, 40), value: safeText(String(v), 200) }));
}

/** One audit journal entry as a compact card for the audit channel. */
export function auditEntryCard(entry: AuditEntry): Card {
  const who = safeText(entry.actor.name ?? entry.actor.aadObjectId ?? 'Verdict');
  const list = facts(entry.data);
  return renderCard(template, {
    title: TITLES[entry.type],
    color: COLORS[entry.type] ?? 'default',
    subtitle: `${who} · ${entry.at.replace('T', ' ').replace(/\.\d+Z$/, 'Z')}${entry.requestId ? ` · request ${safeText(entry.requestId, 64)}` : ''}`,
    hasFacts: list.length > 0,
    facts: list,
    chain: `#${entry.seq} ${entry.hash.slice(0, 16)}`,
  });
}
