import type { VerdictRowView } from './verdict-row';
import alertFilesTemplate from '../../cards/alert-files.json';
import type { Card } from './card';
import type { MdeAlert } from '../mde/alert';
import type { MdeFile } from '../mde/file';
import type { MdeMachine } from '../mde/machine';
import { hashOfType } from '../triage/hashes';
import { VERDICT_LABEL, VERDICT_RANK, type Verdict } from '../triage/verdict';
import type { CardAction, Fact } from './card-action';
import { CARD_VERBS, rowButtonTitle } from './card-verbs';
import { safeText } from './escape';
import { severityColor } from './file-pivot-sections';
import { formatUtc } from './format';
import { renderCard } from './render';
import { VERDICT_COLOR, type CardColor } from './verdict-card';

/**
 * A part of the card, or why it could not be loaded (plain text, e.g. "Couldn't load the alert's
 * device: …"); the other parts still show.
 */
export type Loaded<T> = { ok: true; value: T } | { ok: false; problem: string };

export interface AlertFilesCardInput {
  /** The id as the user gave it (already validated); the portal link uses it. */
  alertId: string;
  alert: MdeAlert;
  /** null: MDE has no device for the alert (404). */
  machine: Loaded<MdeMachine | null>;
  /** Each file of the alert with its verdict, in MDE's order; the card sorts them. */
  files: Loaded<{ file: MdeFile; verdict: Verdict }[]>;
  portalUrl: string;
  /** Default MAX_ALERT_FILE_ROWS. */
  maxFiles?: number;
  /** Appended after "Open alert in Defender" (e.g. "Request isolation" for a responder). */
  actions?: CardAction[];
}

/** Files listed on the card; with the alert and device this keeps it well under 28 KB. */
export const MAX_ALERT_FILE_ROWS = 20;

type FileRow = VerdictRowView;

interface AlertFilesView {
  severityText: string;
  severityColor: CardColor;
  title: string;
  alertFacts: Fact[];
  alertId: string;
  deviceHeading: string;
  deviceColor: CardColor;
  hasDeviceNote: boolean;
  deviceNote: string;
  hasDeviceFacts: boolean;
  deviceFacts: Fact[];
  hasDeviceId: boolean;
  deviceId: string;
  filesHeading: string;
  hasFilesNote: boolean;
  filesNote: string;
  files: FileRow[];
  hasMore: boolean;
  more: string;
  portalAlertUrl: string;
  actions: CardAction[];
}

/** `/alertfiles`: the alert, its device, and every file in it with a verdict, most dangerous first. */
export function alertFilesCard(input: AlertFilesCardInput): Card {
  const { alert } = input;
  const severity = safeText(alert.severity, 40);
  const view: AlertFilesView = {
    severityText: severity ? `${severity} severity alert` : 'Alert',
    severityColor: severityColor(alert.severity),
    title: safeText(alert.title, 200) || 'Untitled alert',
    alertFacts: facts([
      ['Status', safeText(alert.status, 40)],
      ['Category', safeText(alert.category, 80)],
      ['Detection source', safeText(alert.detectionSource, 80)],
      ['Created', formatUtc(alert.alertCreationTime)],
      ['Threat', safeText(alert.threatName ?? alert.threatFamilyName, 120)],
      ['Assigned to', safeText(alert.assignedTo, 120)],
    ]),
    alertId: safeText(input.alertId, 140),
    ...deviceView(input.machine),
    ...filesView(input.files, Math.max(1, input.maxFiles ?? MAX_ALERT_FILE_ROWS)),
    portalAlertUrl: `${input.portalUrl.replace(/\/+$/, '')}/alerts/${encodeURIComponent(input.alertId)}`,
    actions: input.actions ?? [],
  };
  return renderCard(alertFilesTemplate, view);
}

type DeviceView = Pick<AlertFilesView, 'deviceHeading' | 'deviceColor' | 'hasDeviceNote' | 'deviceNote' | 'hasDeviceFacts' | 'deviceFacts' | 'hasDeviceId' | 'deviceId'>;

function deviceView(loaded: AlertFilesCardInput['machine']): DeviceView {
  const none = { deviceColor: 'default' as const, hasDeviceFacts: false, deviceFacts: [], hasDeviceId: false, deviceId: '' };
  if (!loaded.ok) return { ...none, deviceHeading: 'Device', hasDeviceNote: true, deviceNote: safeText(loaded.problem, 400) };
  const machine = loaded.value;
  if (machine === null) return { ...none, deviceHeading: 'Device', hasDeviceNote: true, deviceNote: 'MDE has no device for this alert (it may have been offboarded or be outside retention).' };
  const name = safeText(machine.computerDnsName, 160) || 'Unnamed device';
  const os = [safeText(machine.osPlatform, 40), safeText(machine.version, 40), machine.osBuild ? `build ${machine.osBuild}` : ''].filter((p) => p !== '').join(' ');
  const deviceFacts = facts([
    ['OS', os],
    ['Health', safeText(machine.healthStatus, 60)],
    ['Risk', safeText(machine.riskScore, 40)],
    ['Exposure', safeText(machine.exposureLevel, 40)],
    ['Last seen', formatUtc(machine.lastSeen)],
    ['Device group', safeText(machine.rbacGroupName, 120)],
  ]);
  const risk = (machine.riskScore ?? '').toLowerCase();
  return {
    deviceHeading: `Device: ${name}`,
    deviceColor: risk === 'high' ? 'attention' : risk === 'medium' ? 'warning' : 'default',
    hasDeviceNote: false,
    deviceNote: '',
    hasDeviceFacts: deviceFacts.length > 0,
    deviceFacts,
    hasDeviceId: safeText(machine.id) !== '',
    deviceId: safeText(machine.id, 80),
  };
}

type FilesView = Pick<AlertFilesView, 'filesHeading' | 'hasFilesNote' | 'filesNote' | 'files' | 'hasMore' | 'more'>;

function filesView(loaded: AlertFilesCardInput['files'], maxFiles: number): FilesView {
  if (!loaded.ok) {
    return { filesHeading: 'Files', hasFilesNote: true, filesNote: safeText(loaded.problem, 400), files: [], hasMore: false, more: '' };
  }
  // Stable: files of one verdict keep MDE's order.
  const sorted = [...loaded.value].sort((a, b) => VERDICT_RANK[a.verdict.level] - VERDICT_RANK[b.verdict.level]);
  const rows = sorted.slice(0, maxFiles).map(fileRow);
  const hidden = sorted.length - rows.length;
  return {
    filesHeading: `Files (${sorted.length})`,
    hasFilesNote: sorted.length === 0,
    filesNote: sorted.length === 0 ? 'MDE lists no files for this alert.' : '',
    files: rows,
    hasMore: hidden > 0,
    more: hidden > 0 ? `…and ${hidden} more; open the alert in Defender to see them all.` : '',
  };
}

function fileRow({ file, verdict }: { file: MdeFile; verdict: Verdict }): FileRow {
  const sha = hashOfType(file.sha256, 'sha256') ?? hashOfType(file.sha1, 'sha1');
  const md5 = hashOfType(file.md5, 'md5');
  const threat = safeText(verdict.threatName, 120);
  const note = sha ? threat : ['MD5 only: MDE gave no SHA-1 or SHA-256, so there are no details to open', threat].filter((p) => p !== '').join('; ');
  return {
    label: VERDICT_LABEL[verdict.level],
    color: VERDICT_COLOR[verdict.level],
    hash: sha ?? md5 ?? 'no hash from MDE',
    hasNote: note !== '',
    note,
    hasButton: sha !== undefined,
    buttonTitle: sha ? rowButtonTitle('Details', sha) : '',
    verb: CARD_VERBS.fileVerdict,
    sha: sha ?? '',
  };
}

function facts(rows: [string, string | undefined][]): Fact[] {
  return rows.flatMap(([title, value]) => (value ? [{ title, value }] : []));
}
