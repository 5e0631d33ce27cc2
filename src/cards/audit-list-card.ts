import template from '../../cards/audit-list.json';
import type { Card } from './card';
import type { AuditEntry } from '../audit/journal';
import { auditEntryTitle, auditEntryColor } from './audit-entry-card';
import { LABELS, QUIET } from './audit-labels';
import { NO_KIND_WORDS, valueInWords, type AuditWords } from './audit-words';
import { safeText } from './escape';
import { renderCard } from './render';

/** The last entries of the journal, newest first, one compact pair of lines each (for /audit). */
export function auditListCard(entries: readonly AuditEntry[], headSeq: number, words: AuditWords = NO_KIND_WORDS): Card {
  const rows = [...entries].reverse().map((e) => ({
    line: `#${e.seq} ${auditEntryTitle(e, words)} — ${safeText(e.actor.name ?? e.actor.aadObjectId ?? 'Verdict', 80)}`,
    color: auditEntryColor(e),
    detail: `${e.at.replace('T', ' ').replace(/\.\d+Z$/, 'Z')}${e.requestId ? ` · request ${safeText(e.requestId, 64)}` : ''}${summary(e, words)}`,
  }));
  return renderCard(template, {
    title: entries.length === 0 ? 'The audit journal is empty' : entries.length === 1 ? 'The last audit entry' : `Last ${entries.length} audit entries`,
    subtitle: `Journal head #${headSeq}. Export and verify the whole chain with npm run audit.`,
    entries: rows,
  });
}

/** A few of the entry's plain values, in the audit channel's words (a refusal's reason is its title). */
function summary(e: AuditEntry, words: AuditWords): string {
  const parts = Object.entries(e.data)
    .filter(([k, v]) => ['string', 'number', 'boolean'].includes(typeof v) && !QUIET.has(k) && !(e.type === 'containment.refused' && k === 'reason'))
    .slice(0, 4)
    .map(([k, v]) => `${safeText(LABELS.get(k) ?? words.label(k) ?? k, 30)}: ${safeText(String(valueInWords(k, v, words, typeof e.data.kind === 'string' ? e.data.kind : undefined)), 80)}`);
  return parts.length ? ` · ${parts.join(' · ')}` : '';
}
