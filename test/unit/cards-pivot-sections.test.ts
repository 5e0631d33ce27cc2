import { CARD_MAX_BYTES, cardBytes } from '../../src/cards/card-size';
import { alertsSection, devicesSection, MAX_PIVOT_ROWS, orgStatsSection } from '../../src/cards/file-pivot-sections';
import { verdictCard } from '../../src/cards/verdict-card';
import type { MdeFileStats } from '../../src/mde/file-stats';
import { decideVerdict } from '../../src/triage/verdict';
import { cardFacts, cardNodes, cardTexts, toneOf } from '../support/card-nodes';
import { ALERT, FILES, MACHINE } from '../support/mde-fixtures';

const HOSTILE = `[x](http://evil) **b** <at>all</at>\n# h ${'Q'.repeat(2_000)}`;
const hash = { value: FILES.malware.sha1, type: 'sha1' as const };
const withSection = (section: Parameters<typeof verdictCard>[0]['section']) =>
  verdictCard({ hash, file: FILES.malware, verdict: decideVerdict(FILES.malware), portalUrl: 'https://security.microsoft.com', section });

const STATS: MdeFileStats = {
  sha1: FILES.malware.sha1,
  organizationPrevalence: 3,
  orgFirstSeen: '2025-10-30T10:00:00Z',
  orgLastSeen: '2025-11-02T08:41:00Z',
  globalPrevalence: 1_873_402,
  globalFirstObserved: null,
  globalLastObserved: null,
  topFileNames: ['eicar.com', 'eicar_test.txt'],
};

describe('verdict card pivot sections', () => {
  it('when no section is given, then the verdict card is as before (no section container)', () => {
    expect(cardTexts(withSection(undefined)).some((t) => t.startsWith('Devices with'))).toBe(false);
  });

  it('when devices are given, then each shows name, OS, health, risk and last seen, coloured by risk', () => {
    const card = withSection(devicesSection([MACHINE, { ...MACHINE, id: 'b'.repeat(40), computerDnsName: null, riskScore: 'Low' }]));
    const texts = cardTexts(card);
    expect(texts).toContain('Devices with this file (2)');
    expect(texts).toContain('Windows11 · health Active · risk High · last seen 2025-11-02 08:45 UTC');
    expect(toneOf(card, 'workstation-07.verdict-demo.example')).toBe('attention');
    expect(texts).toContain('b'.repeat(40));
  });

  it('when no device has the file, then the section says so', () => {
    expect(cardTexts(withSection(devicesSection([])))).toContain('No devices in your org have this file.');
  });

  it('when many devices with hostile names are given, then the rows are capped, counted, escaped, and the card stays under 28 KB', () => {
    const machines = Array.from({ length: 40 }, (_, i) => ({ ...MACHINE, id: String(i).padStart(40, '0'), computerDnsName: HOSTILE, osPlatform: HOSTILE, lastSeen: HOSTILE }));
    const card = withSection(devicesSection(machines));
    expect(cardTexts(card)).toContain(`…and ${40 - MAX_PIVOT_ROWS} more`);
    expect(JSON.stringify(card)).not.toContain('[x](');
    expect(JSON.stringify(card)).not.toContain('<at>');
    expect(cardBytes(card)).toBeLessThan(CARD_MAX_BYTES);
  });

  it('when alerts are given, then each shows title coloured by severity, severity, status, created and device', () => {
    const card = withSection(alertsSection([ALERT, { ...ALERT, id: 'da1_2', title: null, severity: 'Medium', status: 'Resolved' }]));
    const texts = cardTexts(card);
    expect(texts).toContain('Alerts with this file (2)');
    expect(toneOf(card, "'EICAR\\_Test\\_File' malware was detected")).toBe('attention');
    expect(texts).toContain('High severity · New · created 2025-11-02 08:41 UTC · on workstation-07.verdict-demo.example · da637472900382838869\\_1364969609');
    expect(toneOf(card, 'Untitled alert')).toBe('warning');
  });

  it('when no alert involves the file, then the section says so', () => {
    expect(cardTexts(withSection(alertsSection([])))).toContain('No alerts in your org involve this file.');
  });

  it('when org statistics are given, then prevalence, first/last seen and file names show as facts', () => {
    const facts = cardFacts(withSection(orgStatsSection(STATS)));
    expect(facts).toMatchObject({
      'Devices in the org': '3',
      'First seen in the org': '2025-10-30 10:00 UTC',
      'Last seen in the org': '2025-11-02 08:41 UTC',
      'Seen as': 'eicar.com, eicar\\_test.txt',
    });
  });

  it('when MDE has no statistics, or the org never saw the file, then the section says so', () => {
    expect(cardTexts(withSection(orgStatsSection(null)))).toContain('Defender has no statistics for this file in your org.');
    const never = { ...STATS, organizationPrevalence: 0, orgFirstSeen: null, orgLastSeen: null, topFileNames: [] };
    expect(cardTexts(withSection(orgStatsSection(never)))).toContain('No device in your org has seen this file.');
  });

  it('when the file is not found, then no section is shown even if one is given', () => {
    const card = verdictCard({ hash, file: null, verdict: decideVerdict(null), portalUrl: 'https://x', section: devicesSection([MACHINE]) });
    expect(JSON.stringify(card)).not.toContain('Devices with this file');
  });

  it('when rendered with a section, then no template binding is left unexpanded', () => {
    for (const section of [devicesSection([MACHINE]), alertsSection([]), orgStatsSection(STATS)]) {
      expect(JSON.stringify(withSection(section))).not.toMatch(/\$\{|\$when|\$data/);
    }
  });
});
