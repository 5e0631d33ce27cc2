import type { VerdictRowView } from './verdict-row';
import summaryTemplate from '../../cards/hash-summary.json';
import type { Card } from './card';
import { SUMMARY_CATEGORIES, SUMMARY_COUNT_TITLE, SUMMARY_LABEL, type LookupSummary, type SummaryCategory, type SummaryRow } from '../triage/bulk-summary';
import type { Fact } from './card-action';
import { BULK_CARD_TARGET_BYTES, cardBytes } from './card-size';
import { CARD_VERBS, rowButtonTitle, shortHash } from './card-verbs';
import { safeText } from './escape';
import { formatCount } from './format';
import { renderCard } from './render';
import { VERDICT_COLOR, type CardColor } from './verdict-card';

export interface HashSummaryInput {
  summary: LookupSummary;
  /** Unique hashes found in the pasted text, before the extraction cap. */
  totalFound: number;
  /** Plain text shown once, on the first card (e.g. why hunting was not used). */
  notes?: string[];
  /** Rows listed in all (most dangerous first); the rest are counted. Default MAX_SUMMARY_ROWS. */
  maxRows?: number;
  /** Size each card stays under; default BULK_CARD_TARGET_BYTES. */
  maxBytes?: number;
}

/** Rows listed across all summary cards: about three cards' worth, the most dangerous ones. */
export const MAX_SUMMARY_ROWS = 100;

type RowView = VerdictRowView;

interface SummaryView {
  title: string;
  hasSubtitle: boolean;
  subtitle: string;
  hasCounts: boolean;
  counts: Fact[];
  notes: { text: string }[];
  hasRows: boolean;
  rows: RowView[];
  hasMore: boolean;
  more: string;
}

const CATEGORY_COLOR: Readonly<Record<SummaryCategory, CardColor>> = { ...VERDICT_COLOR, failed: 'warning', md5: 'default', 'md5-unseen': 'default' };

/**
 * The answer to a pasted advisory: counts by verdict, then one row per hash, most dangerous
 * first, each with a Details button that opens the verdict in a new message (but hashes MDE never
 * saw, which have no more to show and are listed in full). Split into as many cards as it takes to keep each under
 * `maxBytes`; the first card carries the counts and notes, the last says what was not listed.
 */
export function hashSummaryCards(input: HashSummaryInput): Card[] {
  const { rows, counts } = input.summary;
  const maxRows = Math.max(1, input.maxRows ?? MAX_SUMMARY_ROWS);
  const maxBytes = input.maxBytes ?? BULK_CARD_TARGET_BYTES;
  const listed = rows.slice(0, maxRows).map(rowView);
  // The hashes of one file are one row; the title still counts what was pasted.
  const hashCount = rows.reduce((sum, r) => sum + r.hashes.length, 0);
  const n = formatCount(hashCount) ?? '0';
  const files = hashCount > rows.length ? ` (${formatCount(rows.length) ?? ''} ${rows.length === 1 ? 'file' : 'files'})` : '';
  const header = {
    title: `Verdicts for ${n} ${hashCount === 1 ? 'hash' : 'hashes'}${files}`,
    subtitle:
      input.totalFound > hashCount
        ? `Found ${formatCount(input.totalFound) ?? ''} hashes; looked up the first ${n}. Most dangerous first.`
        : 'Most dangerous first. Details opens the full verdict in a new message; this summary stays.',
    counts: SUMMARY_CATEGORIES.filter((c) => counts[c] > 0).map((c) => ({ title: SUMMARY_COUNT_TITLE[c], value: formatCount(counts[c]) ?? '0' })),
    notes: (input.notes ?? []).map((text) => ({ text: safeText(text, 400) })).filter((note) => note.text !== ''),
    more: moreText(rows.slice(maxRows)),
  };

  const pageView = (pageRows: RowView[], index: number, pageCount: number): SummaryView => {
    const first = index === 0;
    const last = index === pageCount - 1;
    return {
      title: pageCount > 1 ? `${header.title} (part ${index + 1} of ${pageCount})` : header.title,
      hasSubtitle: first,
      subtitle: first ? header.subtitle : '',
      hasCounts: first && header.counts.length > 0,
      counts: first ? header.counts : [],
      notes: first ? header.notes : [],
      hasRows: pageRows.length > 0,
      rows: pageRows,
      hasMore: last && header.more !== '',
      more: last ? header.more : '',
    };
  };
  return paginate(listed, pageView, maxBytes);
}

function rowView(row: SummaryRow): RowView {
  // A hash MDE never saw has nothing more to show: its row is one line, with no button or note.
  // An MD5 the org never saw keeps its note (that is the news) but has no more to show either.
  const notFound = row.category === 'not-found' || row.category === 'md5-unseen';
  // …except an MD5 hunting resolved: its note says to which file, and that devices here had it.
  const note = row.category === 'not-found' && row.hash.type !== 'md5' ? '' : safeText(row.note, 120);
  return {
    label: SUMMARY_LABEL[row.category],
    color: CATEGORY_COLOR[row.category],
    // Hex from extractHashes, so safe as is; escaped anyway in case a caller passes other text.
    // A hash MDE never saw has no Details to show it in full, so its row shows all of it (wrapping).
    hash: notFound ? safeText(row.hash.value, 128) : safeText(shortHash(row.hash.value), 20),
    hasNote: note !== '',
    note,
    hasButton: !notFound,
    buttonTitle: rowButtonTitle('Details', row.hash.value),
    verb: CARD_VERBS.fileOpen,
    sha: row.hash.value,
  };
}

function moreText(unlisted: readonly SummaryRow[]): string {
  if (unlisted.length === 0) return '';
  const byCategory = SUMMARY_CATEGORIES.map((c) => [c, unlisted.filter((r) => r.category === c).length] as const)
    .filter(([, count]) => count > 0)
    .map(([c, count]) => `${formatCount(count) ?? ''} ${SUMMARY_LABEL[c]}`);
  return `…and ${formatCount(unlisted.length) ?? ''} more not listed: ${byCategory.join(', ')}.`;
}

/** Room left for titles that grow with the page count ("(part 12 of 12)") and array commas. */
const SLACK_BYTES = 200;

/**
 * Rows into pages under `maxBytes`. Each row's rendered size is measured once (one render of all
 * rows); pages are filled greedily; every page is then rendered and checked, and in the unlikely
 * case one is still too big, packing starts over with less room per page.
 */
function paginate(rows: RowView[], pageView: (rows: RowView[], index: number, count: number) => SummaryView, maxBytes: number): Card[] {
  if (rows.length === 0) return [renderCard(summaryTemplate, pageView([], 0, 1))];
  const sizes = measureRows(pageView(rows, 0, 1));
  // Everything on a page but its rows: the first page's header and the last page's footer at once.
  const fixed = cardBytes(renderCard(summaryTemplate, pageView(rows.slice(0, 1), 0, 1))) - (sizes[0] ?? 0);
  for (let slack = SLACK_BYTES; ; slack += 2_000) {
    const budget = maxBytes - fixed - slack;
    const pages: RowView[][] = [[]];
    let used = 0;
    rows.forEach((row, i) => {
      const size = (sizes[i] ?? 0) + 1;
      const page = pages[pages.length - 1] as RowView[];
      if (page.length > 0 && used + size > budget) {
        pages.push([row]);
        used = size;
      } else {
        page.push(row);
        used += size;
      }
    });
    const cards = pages.map((page, i) => renderCard(summaryTemplate, pageView(page, i, pages.length)));
    // One row per page is as small as pages get; stop there rather than loop forever.
    if (cards.every((card) => cardBytes(card) <= maxBytes) || pages.every((p) => p.length <= 1)) return cards;
  }
}

/** The rendered size of each row, in order. */
function measureRows(view: SummaryView): number[] {
  const card = renderCard(summaryTemplate, view);
  const body = Array.isArray(card.body) ? (card.body as unknown[]) : [];
  const container = body.find((el): el is { items: unknown[] } => typeof el === 'object' && el !== null && (el as { id?: unknown }).id === 'rows');
  return (container?.items ?? []).map((item) => Buffer.byteLength(JSON.stringify(item), 'utf8'));
}
