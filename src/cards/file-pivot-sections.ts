import type { MdeAlert } from '../mde/alert';
import type { MdeFileStats } from '../mde/file-stats';
import type { MdeMachine } from '../mde/machine';
import type { CardSection } from './card-section';
import { safeText } from './escape';
import { formatCount, formatUtc } from './format';
import type { CardColor } from './verdict-card';

/** Rows a pivot lists on a verdict card; the rest are counted ("…and N more"). */
export const MAX_PIVOT_ROWS = 10;

const DEVICE_RISK_COLOR = new Map<string, CardColor>([
  ['high', 'attention'],
  ['medium', 'warning'],
]);

/** Alert severity → colour; Low and Informational stay default. Also used by the alert card. */
export function severityColor(severity: string | null | undefined): CardColor {
  const key = (severity ?? '').toLowerCase();
  return key === 'high' ? 'attention' : key === 'medium' ? 'warning' : 'default';
}

const joinParts = (parts: (string | undefined)[]): string => parts.filter((p): p is string => Boolean(p)).join(' · ');

const more = (total: number, shown: number): string => (total > shown ? `…and ${formatCount(total - shown) ?? ''} more` : '');

/** Devices in the org that have the file (GET /api/files/{sha1}/machines). */
export function devicesSection(machines: readonly MdeMachine[]): CardSection {
  const shown = machines.slice(0, MAX_PIVOT_ROWS);
  return {
    title: `Devices with this file (${formatCount(machines.length) ?? '0'})`,
    empty: machines.length === 0 ? 'No devices in your org have this file.' : '',
    items: shown.map((m) => ({
      heading: safeText(m.computerDnsName, 120) || safeText(m.id, 64),
      color: DEVICE_RISK_COLOR.get((m.riskScore ?? '').toLowerCase()) ?? 'default',
      detail: joinParts([
        safeText(m.osPlatform, 40),
        m.healthStatus ? `health ${safeText(m.healthStatus, 40)}` : undefined,
        m.riskScore ? `risk ${safeText(m.riskScore, 40)}` : undefined,
        m.lastSeen ? `last seen ${formatUtc(m.lastSeen) ?? safeText(m.lastSeen, 40)}` : undefined,
      ]),
    })),
    facts: [],
    more: more(machines.length, shown.length),
  };
}

/** Alerts that involve the file (GET /api/files/{sha1}/alerts). */
export function alertsSection(alerts: readonly MdeAlert[]): CardSection {
  const shown = alerts.slice(0, MAX_PIVOT_ROWS);
  return {
    title: `Alerts with this file (${formatCount(alerts.length) ?? '0'})`,
    empty: alerts.length === 0 ? 'No alerts in your org involve this file.' : '',
    items: shown.map((a) => ({
      heading: safeText(a.title, 160) || 'Untitled alert',
      color: severityColor(a.severity),
      detail: joinParts([
        a.severity ? `${safeText(a.severity, 40)} severity` : undefined,
        safeText(a.status, 40),
        a.alertCreationTime ? `created ${formatUtc(a.alertCreationTime) ?? safeText(a.alertCreationTime, 40)}` : undefined,
        a.computerDnsName ? `on ${safeText(a.computerDnsName, 120)}` : undefined,
        safeText(a.id, 80),
      ]),
    })),
    facts: [],
    more: more(alerts.length, shown.length),
  };
}

/** Where the file stands in the org (GET /api/files/{sha1}/stats); null when MDE has no stats. */
export function orgStatsSection(stats: MdeFileStats | null): CardSection {
  const title = 'In our org (last 30 days)';
  if (stats === null) return { title, empty: 'Defender has no statistics for this file in your org.', items: [], facts: [], more: '' };
  const names = stats.topFileNames.slice(0, 5).map((n) => safeText(n, 80)).filter((n) => n !== '');
  const rows: [string, string | undefined][] = [
    ['Devices in the org', formatCount(stats.organizationPrevalence)],
    ['First seen in the org', formatUtc(stats.orgFirstSeen)],
    ['Last seen in the org', formatUtc(stats.orgLastSeen)],
    ['Global prevalence', formatCount(stats.globalPrevalence)],
    ['Seen as', names.length > 0 ? names.join(', ') : undefined],
  ];
  const facts = rows.flatMap(([t, value]) => (value ? [{ title: t, value }] : []));
  const neverSeen = (stats.organizationPrevalence ?? 0) === 0 && !stats.orgFirstSeen;
  return {
    title,
    empty: neverSeen ? 'No device in your org has seen this file.' : facts.length === 0 ? 'Defender returned no statistics for this file.' : '',
    items: [],
    facts,
    more: '',
  };
}
