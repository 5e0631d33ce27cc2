import coverageTemplate from '../../cards/coverage.json';
import type { Coverage, CoverageRow, CoverageStatus, IndicatorRef } from '../triage/coverage';
import type { Card } from './card';
import type { CardAction, Fact } from './card-action';
import { shortHash } from './card-verbs';
import { safeText } from './escape';
import { formatCount, formatUtc } from './format';
import { renderCard } from './render';
import { BULK_CARD_TARGET_BYTES, cardBytes } from './card-size';
import type { CardColor } from './verdict-card';

/** Rows listed on the card, what needs action first; the rest are counted. Keeps the card well under Teams' 28 KB. */
export const MAX_COVERAGE_ROWS = 40;

const ORDER: readonly CoverageStatus[] = ['not-covered', 'indicator', 'detected', 'benign'];
const LABEL: Readonly<Record<CoverageStatus, string>> = { 'not-covered': 'Not covered', indicator: 'Indicator', detected: 'Detected', benign: 'Benign' };
const COUNT_TITLE: Readonly<Record<CoverageStatus, string>> = {
  detected: "Detected by Defender's own detection",
  indicator: 'Under a custom indicator',
  'not-covered': 'Not covered',
  benign: 'Known benign (not offered for blocking)',
};
const COLOR: Readonly<Record<CoverageStatus, CardColor>> = { 'not-covered': 'attention', indicator: 'good', detected: 'good', benign: 'default' };

export interface CoverageCardInput {
  coverage: Coverage;
  /** Plain text, e.g. why the tenant's indicators could not be read. */
  notes?: string[];
  /** "Block the N not covered" (a responder's form), when offered. */
  blockAction?: CardAction;
}

export function indicatorWords(i: IndicatorRef): string {
  const expires = i.expires ? `expires ${formatUtc(i.expires) ?? i.expires}` : 'never expires';
  return `${i.action} #${i.id} by ${i.creator}, ${expires}`;
}

function rowView(row: CoverageRow) {
  const parts = [row.note, ...row.indicators.slice(0, 2).map(indicatorWords)];
  if (row.indicators.length > 2) parts.push(`and ${row.indicators.length - 2} more indicators`);
  if (row.alsoHashes.length > 0) parts.push(`same file as ${row.alsoHashes.map(shortHash).join(', ')}`);
  const note = safeText(parts.filter(Boolean).join('; '), 240);
  return {
    label: LABEL[row.status],
    color: COLOR[row.status],
    value: safeText(`${row.type}: ${row.value}`, 200),
    hasNote: note !== '',
    note,
  };
}

export function coverageCard(input: CoverageCardInput): Card {
  const { coverage } = input;
  const rows = ORDER.flatMap((status) => coverage.rows.filter((r) => r.status === status));
  const totals: Fact[] = ORDER.filter((s) => coverage.totals[s] > 0).map((s) => ({ title: COUNT_TITLE[s], value: formatCount(coverage.totals[s]) ?? '0' }));
  if (coverage.refused.length > 0) totals.push({ title: 'Refused (Defender would not take them)', value: formatCount(coverage.refused.length) ?? '0' });
  const notes = [...(input.notes ?? []), ...coverage.refused.slice(0, 10).map((r) => `${r.value}: ${r.reason}`)];
  if (coverage.redundant > 0) notes.push(`${formatCount(coverage.redundant) ?? ''} of the detected files also carry a custom indicator: quota spent on what Defender already detects (see /indicators).`);
  const quota = quotaText(coverage);
  const header = {
    title: `Coverage of ${formatCount(rows.length) ?? '0'} ${rows.length === 1 ? 'IoC' : 'IoCs'}`,
    subtitle: 'What Defender already detects, what is already under a custom indicator, and what is not covered.',
    totals,
    hasQuota: quota.text !== '',
    quota: quota.text,
    quotaStyle: quota.over ? 'attention' : 'default',
    notes: notes.map((text) => ({ text: safeText(text, 400) })).filter((x) => x.text !== ''),
    hasRows: rows.length > 0,
    hasActions: input.blockAction !== undefined,
    actions: input.blockAction ? [input.blockAction] : [],
  };
  // Long values (URLs) and many indicators per row can outgrow Teams' limit: list fewer until it fits.
  for (let listed = MAX_COVERAGE_ROWS; ; listed = Math.floor(listed * 0.75)) {
    const card = renderCard(coverageTemplate, { ...header, rows: rows.slice(0, listed).map(rowView), ...moreOf(rows.slice(listed)) });
    if (listed <= 1 || cardBytes(card) <= BULK_CARD_TARGET_BYTES) return card;
  }
}

function moreOf(unlisted: readonly CoverageRow[]): { hasMore: boolean; more: string } {
  if (unlisted.length === 0) return { hasMore: false, more: '' };
  const byStatus = ORDER.map((s) => [s, unlisted.filter((r) => r.status === s).length] as const).filter(([, c]) => c > 0);
  return { hasMore: true, more: `…and ${formatCount(unlisted.length) ?? ''} more not listed: ${byStatus.map(([s, c]) => `${formatCount(c) ?? ''} ${LABEL[s]}`).join(', ')}.` };
}

function quotaText(coverage: Coverage): { text: string; over: boolean } {
  const q = coverage.quota;
  if (!q) return { text: '', over: false };
  const used = `Custom indicators: ${formatCount(q.used) ?? '0'} of ${formatCount(q.max) ?? ''} used.`;
  const uncovered = coverage.totals['not-covered'];
  if (uncovered === 0) return { text: used, over: q.used > q.max };
  const after = `Blocking the ${formatCount(uncovered) ?? ''} not covered would bring it to ${formatCount(q.afterBlocking) ?? ''}`;
  if (q.afterBlocking > q.max) return { text: `${used} ${after}: over the cap by ${formatCount(q.afterBlocking - q.max) ?? ''}; retire redundant ones first (/indicators).`, over: true };
  return { text: `${used} ${after}.`, over: false };
}
