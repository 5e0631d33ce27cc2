import type { Card } from '../../src/cards/card';
import { BULK_CARD_TARGET_BYTES, cardBytes } from '../../src/cards/card-size';
import { hashSummaryCards, MAX_SUMMARY_ROWS } from '../../src/cards/hash-summary-card';
import { summariseLookups, type LookupResult } from '../../src/triage/bulk-summary';
import type { FoundHash } from '../../src/triage/hashes';
import { cardFacts, cardNodes, cardTexts, executeActions } from '../support/card-nodes';
import { FILES, fileFor, hex } from '../support/mde-fixtures';
import { cardOutline } from '../support/card-text';

const sha256 = (seed: string): FoundHash => ({ value: hex(seed, 'sha256'), type: 'sha256' });
const HOSTILE = `[click](http://evil) **bold** \${$root.secret} <at>everyone</at> # head\n- list ${'A'.repeat(5_000)}`;

/** n results cycling through every outcome, the dangerous ones spread out. */
function results(n: number, threatName = 'Trojan:Win32/Wacatac.B!ml'): LookupResult[] {
  return Array.from({ length: n }, (_, i): LookupResult => {
    const hash = i % 7 === 5 ? { value: hex(`r${i}`, 'md5'), type: 'md5' as const } : sha256(`r${i}`);
    switch (i % 7) {
      case 0:
        return { hash, outcome: { kind: 'file', file: FILES.clean } };
      case 1:
        return { hash, outcome: { kind: 'file', file: fileFor(`r${i}`, { determinationType: 'Malware', determinationValue: threatName }) } };
      case 2:
        return { hash, outcome: { kind: 'file', file: null } };
      case 3:
        return { hash, outcome: { kind: 'file', file: FILES.pua } };
      case 4:
        return { hash, outcome: { kind: 'failed', reason: 'Defender did not answer in time' } };
      case 5:
        return { hash, outcome: { kind: 'md5' } };
      default:
        return { hash, outcome: { kind: 'file', file: FILES.unknown } };
    }
  });
}

const cardsFor = (n: number, extra: Partial<Parameters<typeof hashSummaryCards>[0]> = {}) =>
  hashSummaryCards({ summary: summariseLookups(results(n)), totalFound: n, ...extra });

const rowLabels = (cards: Card[]) =>
  cards.flatMap((card) => cardNodes(card).filter((n) => n.type === 'ColumnSet')).map((row) => cardTexts(row)[0]);

describe('hash summary card', () => {
  it('when 7 hashes are summarised, then the text and actions match the snapshot', () => {
    expect(cardsFor(7).map((card) => cardOutline(card, { data: true }))).toMatchSnapshot();
  });

  it('when hashes of every outcome are summarised, then the counts list each non-empty verdict in danger order', () => {
    const [card] = cardsFor(30);
    expect(cardFacts(card)).toEqual({
      Malicious: '5',
      Suspicious: '4',
      'Lookup failed': '4',
      Unknown: '4',
      'MD5 (not resolved)': '4',
      Clean: '5',
      'Not found': '4',
    });
    expect(Object.keys(cardFacts(card))[0]).toBe('Malicious');
  });

  it('when rows are listed, then the most dangerous come first with their threat names', () => {
    const cards = cardsFor(30);
    const labels = rowLabels(cards);
    expect(labels.slice(0, 5)).toEqual(Array(5).fill('Malicious'));
    expect(labels.at(-1)).toBe('Not found');
    expect(cardTexts(cards[0])).toContain('Trojan:Win32/Wacatac.B!ml');
    expect(cardTexts(cards[0])).toContain('not resolved: see Details for a hunting query');
    expect(cardTexts(cards[0])).not.toContain('MDE has no record of this file');
    expect(cardTexts(cards[0])).toContain('lookup failed: Defender did not answer in time');
  });

  it('when rows are listed, then each has its own Details button carrying only its full hash', () => {
    const input = results(30).filter((r) => !(r.outcome.kind === 'file' && r.outcome.file === null));
    const actions = executeActions(cardsFor(30));
    expect(actions).toHaveLength(26);
    expect(new Set(actions.map((a) => a.title)).size).toBe(26);
    // file.open: the verdict comes as a new message and the summary stays.
    expect(actions.every((a) => a.verb === 'file.open' && Object.keys(a.data).join() === 'sha')).toBe(true);
    expect(new Set(actions.map((a) => a.data.sha))).toEqual(new Set(input.map((r) => r.hash.value)));
    expect(actions[0]?.title).toMatch(/^Details [0-9a-f]{8}$/);
  });

  it('when MDE never saw a hash, then its row is the label and the whole hash (wrapping monospace, to read and copy), with no button', () => {
    const cards = hashSummaryCards({ summary: summariseLookups([{ hash: sha256('gone'), outcome: { kind: 'file', file: null } }]), totalFound: 1 });
    const [row] = cardNodes(cards).filter((n) => n.type === 'ColumnSet');
    expect(cardTexts(row)).toEqual(['Not found', hex('gone', 'sha256')]);
    expect(cardNodes(row).find((n) => n.text === hex('gone', 'sha256'))).toMatchObject({ fontType: 'Monospace', wrap: true });
    expect(executeActions(cards)).toEqual([]);
  });

  it('when an MD5 resolved through hunting but the Files API has no profile for its file, then its Not found row still says what it resolved to and where it was seen', () => {
    const md5 = { value: hex('seen', 'md5'), type: 'md5' as const };
    const resolved = { sha: hex('seen', 'sha256'), sighting: { sha1: null, sha256: hex('seen', 'sha256'), deviceCount: 2, deviceNames: [], seenIn: [], lastSeen: null } };
    const cards = hashSummaryCards({ summary: summariseLookups([{ hash: md5, outcome: { kind: 'file', file: null, resolved } }]), totalFound: 1 });
    const [row] = cardNodes(cards).filter((n) => n.type === 'ColumnSet');
    expect(cardTexts(row)).toEqual(['Not found', md5.value, `MD5 of ${hex('seen', 'sha256').slice(0, 12)}…, on 2 devices; MDE has no record of this file`]);
  });

  it('when 1,000 hashes are summarised, then the rows are capped, split over cards under 25 KB, and the rest counted', () => {
    const cards = cardsFor(1_000);
    expect(cards.length).toBeGreaterThan(1);
    for (const card of cards) expect(cardBytes(card)).toBeLessThanOrEqual(BULK_CARD_TARGET_BYTES);
    expect(rowLabels(cards)).toHaveLength(MAX_SUMMARY_ROWS);
    expect(cardTexts(cards[0])[0]).toBe(`Verdicts for 1,000 hashes (part 1 of ${cards.length})`);
    expect(cardTexts(cards.at(-1))[0]).toBe(`Verdicts for 1,000 hashes (part ${cards.length} of ${cards.length})`);
    expect(cardTexts(cards.at(-1)).at(-1)).toMatch(/^…and 900 more not listed: .*\d+ Clean, \d+ Not found\.$/);
    expect(Object.keys(cardFacts(cards[1]))).toEqual([]);
  });

  it('when the card size budget is small, then there are more cards and each stays under it', () => {
    const cards = cardsFor(60, { maxBytes: 8_000 });
    expect(cards.length).toBeGreaterThanOrEqual(4);
    for (const card of cards) expect(cardBytes(card)).toBeLessThanOrEqual(8_000);
    expect(rowLabels(cards)).toEqual(rowLabels(cardsFor(60)));
  });

  it('when threat names and notes are hostile and huge, then they are escaped, clipped, and cards stay small', () => {
    const summary = summariseLookups(
      Array.from({ length: 100 }, (_, i) => ({ hash: sha256(`x${i}`), outcome: { kind: 'file' as const, file: fileFor(`x${i}`, { determinationType: 'Malware', determinationValue: HOSTILE }) } })),
    );
    const cards = hashSummaryCards({ summary, totalFound: 100, notes: [HOSTILE] });
    const json = JSON.stringify(cards);
    expect(json).not.toContain('[click](');
    expect(json).not.toContain('<at>');
    expect(json).not.toContain('\\n- list');
    const rowNotes = cardTexts(cards[0]).filter((t) => t.startsWith('\\[click\\](http://evil) \\*\\*bold\\*\\* ${$root.secret} \\<at\\>everyone\\</at\\> # head - list AAA'));
    expect(rowNotes.length).toBeGreaterThan(10);
    for (const note of rowNotes) expect(note).toMatch(/A…$/);
    expect(Math.max(...rowNotes.slice(1).map((n) => n.length))).toBeLessThan(140);
    for (const card of cards) expect(cardBytes(card)).toBeLessThanOrEqual(BULK_CARD_TARGET_BYTES);
  });

  it('when more hashes were found than looked up, then the first card says so', () => {
    const [card] = hashSummaryCards({ summary: summariseLookups(results(40)), totalFound: 1_234 });
    expect(cardTexts(card)[1]).toMatch(/^Found 1,234 hashes; looked up the first 40\./);
  });

  it('when there are notes, then the first card shows each once and later cards do not', () => {
    const cards = cardsFor(300, { notes: ['Advanced hunting is not permitted for Verdict (AdvancedQuery.Read.All); looked hashes up one by one.'] });
    expect(cards.map((c) => cardTexts(c).filter((t) => t.startsWith('Advanced hunting')).length)).toEqual([1, ...Array(cards.length - 1).fill(0)]);
  });

  it('when rendered, then no template binding is left unexpanded', () => {
    for (const card of cardsFor(50)) expect(JSON.stringify(card)).not.toMatch(/"\$\{|\$when|\$data/);
  });
});
