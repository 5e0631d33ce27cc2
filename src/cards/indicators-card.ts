import indicatorsTemplate from '../../cards/indicators.json';
import type { IndicatorReview } from '../triage/indicator-review';
import type { IndicatorRef } from '../triage/coverage';
import type { Card } from './card';
import type { CardAction, Fact } from './card-action';
import { shortHash } from './card-verbs';
import { indicatorWords } from './coverage-card';
import { safeText } from './escape';
import { formatCount } from './format';
import { renderCard } from './render';
import { BULK_CARD_TARGET_BYTES, cardBytes } from './card-size';

/** Lines listed per section; the rest are counted (keeps the card under Teams' size limit at 15,000 indicators). */
export const MAX_REVIEW_LINES = 20;
/** Types and actions listed by name (MDE has 7 types and 5 actions; anything beyond is summed). */
const TOP_VALUES = 8;

interface Section {
  title: string;
  hasFacts: boolean;
  facts: Fact[];
  lines: { text: string }[];
}

const n = (v: number) => formatCount(v) ?? '0';
const pct = (share: number) => `${(share * 100).toFixed(share > 0 && share < 0.001 ? 2 : 1)} %`;
const shown = (value: string) => (/^[0-9a-f]{32,64}$/i.test(value) ? shortHash(value) : value);

function section(title: string, facts: Fact[], lines: string[], more = 0): Section {
  const all = lines.map((text) => ({ text: safeText(text, 300) }));
  if (more > 0) all.push({ text: `…and ${n(more)} more.` });
  return { title, hasFacts: facts.length > 0, facts, lines: all };
}

export function indicatorsCard(review: IndicatorReview, notes: string[] = [], actions: readonly CardAction[] = []): Card {
  const r = review.redundancy;
  const facts: Fact[] = [
    { title: 'Active (count against 15,000)', value: `${n(review.active)} (${pct(review.active / 15_000)})` },
    { title: 'Expired (kept, not counted)', value: n(review.total - review.active) },
    { title: 'Created by Verdict', value: n(review.createdByVerdict) },
    { title: 'Expiring within 7 days', value: n(review.expiringSoon.length) },
  ];
  if (r) facts.push({ title: "Redundant (Defender's own detection covers the file)", value: n(r.redundant.length) });
  const header = {
    title: `Custom indicators: ${n(review.total)}`,
    subtitle: "Your tenant's custom indicators (IoCs) in Defender for Endpoint, and which ones Defender's own detection makes redundant.",
    facts,
    notes: notes.map((text) => ({ text: safeText(text, 400) })),
    hasActions: actions.length > 0,
    actions: [...actions],
  };
  // Long values and creators from MDE are outside text: list fewer lines until the card fits.
  for (let max = MAX_REVIEW_LINES; ; max = Math.floor(max * 0.75)) {
    const card = renderCard(indicatorsTemplate, { ...header, sections: sectionsOf(review, max) });
    if (max <= 1 || cardBytes(card) <= BULK_CARD_TARGET_BYTES) return card;
  }
}

/** By type, by action, expiring soon and the redundancy review, each list at most `max` lines. */
function sectionsOf(review: IndicatorReview, max: number): Section[] {
  const sections: Section[] = [section('By type', topFacts(review.byType), []), section('By action', topFacts(review.byAction), [])];
  if (review.expiringSoon.length > 0) {
    const lines = review.expiringSoon.slice(0, max).map((i) => `${i.type} ${shown(i.value)}: ${indicatorWords(i)}`);
    sections.push(section('Expiring within 7 days', [], lines, review.expiringSoon.length - max));
  }
  const r = review.redundancy;
  if (r) {
    const summary =
      r.redundant.length === 0
        ? `None of the ${n(r.checked)} file-hash indicators checked is on a file Defender detects as malware.`
        : `${n(r.redundant.length)} of ${n(r.checked)} file-hash indicators are on files Defender already detects as malware: retiring them frees ${n(r.redundant.length)} of 15,000 (${pct(r.capShare)}).`;
    const notChecked = r.notChecked > 0 ? [`${n(r.notChecked)} not checked: MD5 indicators (advanced hunting cannot profile an MD5) or hashes hunting could not profile.`] : [];
    const lines = [summary, ...notChecked, ...r.redundant.slice(0, max).map((i) => `${i.type} ${shown(i.value)}: ${i.threatName || 'malware'}; ${indicatorWords(i)}`)];
    sections.push(section('Redundancy review', [], lines, r.redundant.length - max));
  }
  return sections;
}

/** The most common values as facts; MDE's values are outside data, so the rest are summed, not listed. */
function topFacts(counts: readonly [string, number][]): Fact[] {
  const top = counts.slice(0, TOP_VALUES).map(([v, c]) => ({ title: safeText(v, 40), value: n(c) }));
  const rest = counts.slice(TOP_VALUES);
  if (rest.length > 0) top.push({ title: `${n(rest.length)} others`, value: n(rest.reduce((sum, [, c]) => sum + c, 0)) });
  return top;
}

/**
 * `/indicators remove|extend <id …>`: the chosen indicators as Defender has them now (not as they
 * were typed), ids Defender does not have listed apart, and the form that asks for approval.
 */
export function chosenIndicatorsCard(input: { doing: 'remove' | 'extend'; found: readonly IndicatorRef[]; unknown: readonly string[]; actions: readonly CardAction[] }): Card {
  const { found, unknown } = input;
  const notes = unknown.length > 0 ? [{ text: safeText(`Not in Defender (left out): ${unknown.slice(0, 30).join(', ')}${unknown.length > 30 ? ` and ${n(unknown.length - 30)} more` : ''}`, 400) }] : [];
  const header = {
    title: `Indicators to ${input.doing}: ${n(found.length)}`,
    subtitle: 'As Defender has them now: this is what the approver will see and decide on.',
    facts: [],
    notes,
    hasActions: input.actions.length > 0,
    actions: [...input.actions],
  };
  for (let max = MAX_REVIEW_LINES; ; max = Math.floor(max * 0.75)) {
    const lines = found.slice(0, max).map((i) => `${i.type} ${shown(i.value)}: ${indicatorWords(i)}`);
    const card = renderCard(indicatorsTemplate, { ...header, sections: [section('Chosen indicators', [], lines, found.length - max)] });
    if (max <= 1 || cardBytes(card) <= BULK_CARD_TARGET_BYTES) return card;
  }
}
