import deviceSetTemplate from '../../cards/device-set.json';
import type { DeviceSet, DeviceSetEntry, DeviceSource } from '../devices/device-set';
import { ISOLATION_WORDS } from '../devices/isolation-state';
import { MAX_LISTED } from '../devices/limits';
import type { Card } from './card';
import type { CardAction } from './card-action';
import { safeText } from './escape';
import { formatCount } from './format';
import { renderCard } from './render';

/** Devices shown as rows; the rest are a click away ("Show all"). */
export const DEVICE_ROWS = 20;

export interface DeviceSetCardInput {
  set: DeviceSet;
  /** The buttons the viewer may use: "Show all", and the actions their role may request. */
  actions: CardAction[];
  /** A line under the rows, e.g. which actions need an approver. */
  actionsNote?: string;
}

interface Row {
  name: string;
  os: string;
  health: string;
  exposure: string;
  isolation: string;
  isolationWeight: string;
}

interface DeviceSetView {
  title: string;
  sourceText: string;
  hasQuery: boolean;
  query: string;
  notes: { text: string }[];
  hasDevices: boolean;
  rows: Row[];
  hasMore: boolean;
  more: string;
  problems: { text: string }[];
  hasActionsNote: boolean;
  actionsNote: string;
  actions: CardAction[];
}

const count = (n: number, one: string, many = `${one}s`) => `${formatCount(n) ?? '0'} ${n === 1 ? one : many}`;

export function sourceText(source: DeviceSource): string {
  switch (source.kind) {
    case 'list':
      return `From a pasted list of ${count(source.entries, 'entry', 'entries')}.`;
    case 'csv':
      return `From ${source.fileName ? `the CSV file ${safeText(source.fileName, 120)}` : 'a pasted CSV'} (${count(source.rows, 'row')}, column ${safeText(source.column, 40)}).`;
    case 'query':
      return 'From an advanced hunting query:';
    case 'file':
      return `Every device that has the file with SHA-1 ${source.sha1}.`;
  }
}

/** "Not found in Defender (3): a, b, c" with at most MAX_LISTED names, then "and N more". */
export function listed(label: string, items: readonly string[]): { text: string }[] {
  if (items.length === 0) return [];
  const shown = items.slice(0, MAX_LISTED).map((i) => safeText(i, 80)).join(', ');
  const more = items.length > MAX_LISTED ? ` and ${formatCount(items.length - MAX_LISTED)} more` : '';
  return [{ text: `${label} (${formatCount(items.length)}): ${shown}${more}` }];
}

/** Defender's health values in words, so a narrow column wraps between words, never inside one. */
const HEALTH_WORDS = new Map<string, string>([
  ['ImpairedCommunication', 'Impaired communication'],
  ['NoSensorData', 'No sensor data'],
  ['NoSensorDataImpairedCommunication', 'No sensor data, impaired communication'],
]);

/** "WindowsServer2022" → "Windows Server 2022", "Windows11" → "Windows 11"; other platforms as Defender names them. */
export const osInWords = (os: string): string => os.replace(/^Windows(?=Server)/, 'Windows ').replace(/([A-Za-z])(\d)/g, '$1 $2');

const row = (d: DeviceSetEntry): Row => ({
  name: safeText(d.name, 120) || d.id,
  os: safeText(d.os ? osInWords(d.os) : '', 40) || '—',
  health: safeText(d.health ? (HEALTH_WORDS.get(d.health) ?? d.health) : '', 60) || '—',
  exposure: safeText(d.exposure, 20) || '—',
  isolation: d.isolation ? ISOLATION_WORDS[d.isolation] : '—',
  // Weight, not colour: the card's colours stay readable in every Teams theme (cards-contrast test).
  isolationWeight: d.isolation === 'isolated' || d.isolation === 'isolating' ? 'Bolder' : 'Default',
});

/** `/devices`: the set's count and source, the first 20 devices with their state, what was left out, and the actions. */
export function deviceSetCard({ set, actions, actionsNote }: DeviceSetCardInput): Card {
  const n = set.devices.length;
  const view: DeviceSetView = {
    title: n === 0 ? 'No devices found in Defender' : `${count(n, 'device')} found in Defender`,
    sourceText: sourceText(set.source),
    hasQuery: set.source.kind === 'query',
    query: set.source.kind === 'query' ? safeText(set.source.query, 2_000) : '',
    notes: set.notes.map((text) => ({ text: safeText(text, 300) })),
    hasDevices: n > 0,
    rows: set.devices.slice(0, DEVICE_ROWS).map(row),
    hasMore: n > DEVICE_ROWS,
    more: `and ${formatCount(n - DEVICE_ROWS)} more (Show all lists every device).`,
    problems: [
      ...listed('Not found in Defender', set.unknown),
      ...listed('Duplicates dropped', set.duplicates),
      ...listed('Not a device name or id', set.invalid),
      ...listed('Rows not used', set.badRows.map((r) => `line ${r.line}: ${r.reason}`)),
    ],
    hasActionsNote: Boolean(actionsNote),
    actionsNote: actionsNote ?? '',
    actions,
  };
  return renderCard(deviceSetTemplate, view);
}
