import { coverageCard, MAX_COVERAGE_ROWS } from '../../src/cards/coverage-card';
import { indicatorsCard } from '../../src/cards/indicators-card';
import { CARD_MAX_BYTES, cardBytes } from '../../src/cards/card-size';
import type { MdeIndicator } from '../../src/mde/indicator';
import { assessCoverage } from '../../src/triage/coverage';
import { reviewIndicators } from '../../src/triage/indicator-review';
import { cardText } from '../support/card-text';

const NOW = Date.parse('2026-12-02T12:00:00Z');
const HOSTILE = `**bold** [x](http://evil) \${$root.secret} <at>everyone</at> ${'W'.repeat(3_000)}`;
const longUrl = (i: number) => `https://evil-${i}.top/${'a'.repeat(2_000)}`;
const ind = (i: number, over: Partial<MdeIndicator> = {}): MdeIndicator =>
  ({ id: `${i}`, indicatorValue: longUrl(i), indicatorType: 'Url', action: 'Block', createdBy: HOSTILE, createdByDisplayName: HOSTILE, createdBySource: null, expirationTime: new Date(NOW + 86_400_000).toISOString(), ...over }) as MdeIndicator;

describe('coverage and indicators cards under hostile, large input', () => {
  it('when 1,000 long URLs each carry three indicators with hostile creators, then the coverage card lists as many as fit, counts the rest, stays under 28 KB and escapes the text', () => {
    const indicators = Array.from({ length: 1_000 }, (_, i) => [ind(i), ind(i + 10_000, { indicatorValue: longUrl(i) }), ind(i + 20_000, { indicatorValue: longUrl(i) })]).flat();
    const coverage = assessCoverage({ files: [], network: Array.from({ length: 1_000 }, (_, i) => ({ type: 'Url' as const, value: longUrl(i) })), refused: [], indicators, now: NOW });
    const card = coverageCard({ coverage, notes: [HOSTILE] });
    expect(cardBytes(card)).toBeLessThanOrEqual(CARD_MAX_BYTES);
    const text = cardText(card);
    const more = Number(/…and ([\d,]+) more not listed/.exec(text)?.[1]?.replace(',', '') ?? 0);
    // Fewer than MAX_COVERAGE_ROWS fit, but still a useful number.
    expect(1_000 - more).toBeGreaterThan(10);
    expect(1_000 - more).toBeLessThanOrEqual(MAX_COVERAGE_ROWS);
    expect(text).toContain(`…and ${more} more not listed: ${more} Indicator.`);
    expect(text).not.toContain('<at>');
    expect(text).not.toContain('**bold**');
    expect(text).toContain('$root.secret');
  });

  it('when MDE answers 200 distinct made-up types and actions, then the indicators card shows the top ones and stays under 28 KB', () => {
    const indicators = Array.from({ length: 15_000 }, (_, i) => ind(i, { indicatorType: `${HOSTILE}-${i % 200}`, action: `${HOSTILE}-${i % 199}` }));
    const card = indicatorsCard(reviewIndicators({ indicators, profiles: [], now: NOW }));
    expect(cardBytes(card)).toBeLessThanOrEqual(CARD_MAX_BYTES);
    expect(cardText(card)).toContain('Custom indicators: 15,000');
  });
});
