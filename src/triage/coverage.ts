import type { MdeIndicator } from '../mde/indicator';
import type { FileGroup } from './file-groups';
import { FILE_INDICATOR_TYPE, isFileIndicatorType, type IndicatorType } from './iocs';
import { benignHash } from './known-benign';
import type { NetworkIoc, RefusedIoc } from './network-iocs';
import { decideVerdict, VERDICT_LABEL, type Verdict } from './verdict';

/**
 * What Defender already does about each IoC of an advisory (pure; the card shows it):
 * - a file Microsoft detects as malware is "covered by Defender's own detection";
 * - an IoC with an active custom indicator (any of a file's hashes, or the network value, or a
 *   URL's host) is "under an indicator", with who made it, its action and expiry;
 * - known-benign values are not offered for blocking; everything else is "not covered".
 * Totals are exclusive (detected first, then indicator), and the quota is the tenant's active
 * indicators against MDE's 15,000, with what blocking every uncovered IoC (one indicator each:
 * a file's strongest hash) would bring it to.
 */

export const INDICATOR_CAP = 15_000;

export type CoverageStatus = 'detected' | 'indicator' | 'not-covered' | 'benign';

export interface IndicatorRef {
  id: string;
  type: string;
  value: string;
  action: string;
  /** ISO time, or null: never expires. */
  expires: string | null;
  /** A name where one can be had: display name, "Verdict" for our own app, a UPN; a bare app id shortened. */
  creator: string;
}

export interface CoverageRow {
  type: IndicatorType;
  /** The value a block would use (a file's strongest pasted hash). */
  value: string;
  status: CoverageStatus;
  /** Threat name, benign reason, or how the value was written (IDN). */
  note: string;
  indicators: IndicatorRef[];
  /** For files: the other pasted hashes of the same file. */
  alsoHashes: string[];
}

export interface CoverageInput {
  files: readonly FileGroup[];
  network: readonly NetworkIoc[];
  refused: readonly RefusedIoc[];
  /** The tenant's indicators; null when they could not be read (the card says why). */
  indicators: readonly MdeIndicator[] | null;
  now: number;
  ownClientId?: string;
}

export interface Coverage {
  rows: CoverageRow[];
  refused: RefusedIoc[];
  totals: Record<CoverageStatus, number>;
  /** Null when the indicators could not be read. */
  quota: { used: number; max: number; afterBlocking: number } | null;
  /** Detected files that also carry an indicator: quota spent on what Defender already blocks. */
  redundant: number;
}

const isActive = (i: Pick<MdeIndicator, 'expirationTime'>, now: number): boolean => {
  if (!i.expirationTime) return true;
  const at = Date.parse(i.expirationTime);
  return Number.isNaN(at) || at > now;
};

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Outside text: bounded here so a hostile creator cannot fill a card. */
const MAX_CREATOR = 80;

export function creatorName(i: Pick<MdeIndicator, 'createdBy' | 'createdByDisplayName' | 'createdBySource'>, ownClientId?: string): string {
  const name = creatorText(i, ownClientId);
  return name.length > MAX_CREATOR ? `${name.slice(0, MAX_CREATOR - 1)}…` : name;
}

function creatorText(i: Pick<MdeIndicator, 'createdBy' | 'createdByDisplayName' | 'createdBySource'>, ownClientId?: string): string {
  if (i.createdByDisplayName?.trim()) return i.createdByDisplayName.trim();
  const by = i.createdBy?.trim() ?? '';
  if (ownClientId && by.toLowerCase() === ownClientId.toLowerCase()) return 'Verdict';
  if (GUID.test(by)) return `${i.createdBySource?.trim() || 'an app'} (app ${by.slice(0, 8)}…)`;
  return by || 'unknown';
}

export function refOf(i: MdeIndicator, ownClientId?: string): IndicatorRef {
  return { id: i.id, type: i.indicatorType ?? '', value: i.indicatorValue, action: i.action ?? 'Unknown', expires: i.expirationTime ?? null, creator: creatorName(i, ownClientId) };
}

/** How values are compared: hashes and domains case-insensitively, URLs by their parsed form. */
export function indicatorKey(type: string, value: string): string {
  const v = value.trim();
  if (type === 'Url') {
    try {
      return `Url\u0000${new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(v) ? v : `http://${v}`).href}`;
    } catch {
      return `Url\u0000${v}`;
    }
  }
  if (type === 'IpAddress' && v.includes(':')) {
    try {
      return `IpAddress\u0000${new URL(`http://[${v}]/`).hostname}`;
    } catch {
      return `IpAddress\u0000${v.toLowerCase()}`;
    }
  }
  // One key per hash whatever type the indicator was filed under (an MD5 is an MD5).
  return `${isFileIndicatorType(type) ? 'File' : type}\u0000${v.toLowerCase()}`;
}

export function assessCoverage(input: CoverageInput): Coverage {
  const index = new Map<string, IndicatorRef[]>();
  let used = 0;
  for (const i of input.indicators ?? []) {
    if (!isActive(i, input.now)) continue;
    used++;
    const key = indicatorKey(i.indicatorType ?? '', i.indicatorValue);
    index.set(key, [...(index.get(key) ?? []), refOf(i, input.ownClientId)]);
  }
  const find = (type: string, value: string) => index.get(indicatorKey(type, value)) ?? [];
  let redundant = 0;

  const fileRows = input.files.map((group): CoverageRow => {
    const indicators = [...group.ids].flatMap((id) => find('FileSha256', id));
    const benign = group.hashes.map((h) => benignHash(h.value)).find((r) => r !== undefined);
    const verdict = group.outcome.kind === 'file' ? decideVerdict(group.outcome.file) : undefined;
    const detected = verdict?.level === 'malicious';
    if (detected && indicators.length > 0) redundant++;
    const status: CoverageStatus = benign ? 'benign' : detected ? 'detected' : indicators.length > 0 ? 'indicator' : 'not-covered';
    const note = benign ?? (detected ? `covered by Defender's own detection${verdict?.threatName ? `: ${verdict.threatName}` : ''}` : verdictNote(verdict, group.outcome));
    return { type: FILE_INDICATOR_TYPE[group.primary.type], value: group.primary.value, status, note, indicators, alsoHashes: group.hashes.filter((h) => h !== group.primary).map((h) => h.value) };
  });

  const networkRows = input.network.map((ioc): CoverageRow => {
    const indicators = [...find(ioc.type, ioc.value)];
    if (ioc.type === 'Url') indicators.push(...find('DomainName', hostOf(ioc.value)));
    const status: CoverageStatus = ioc.benign ? 'benign' : indicators.length > 0 ? 'indicator' : 'not-covered';
    const note = ioc.benign ?? (ioc.written ? `written ${ioc.written}` : '');
    return { type: ioc.type, value: ioc.value, status, note, indicators, alsoHashes: [] };
  });

  const rows = [...fileRows, ...networkRows];
  const totals: Record<CoverageStatus, number> = { detected: 0, indicator: 0, 'not-covered': 0, benign: 0 };
  for (const r of rows) totals[r.status]++;
  const quota = input.indicators === null ? null : { used, max: INDICATOR_CAP, afterBlocking: used + totals['not-covered'] };
  return { rows, refused: [...input.refused], totals, quota, redundant };
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
}

/** What Defender says of a file it does not call malware (a Clean one is worth a second look before blocking). */
function verdictNote(verdict: Verdict | undefined, outcome: FileGroup['outcome']): string {
  if (outcome.kind === 'failed') return `lookup failed: ${outcome.reason}`;
  if (outcome.kind === 'md5') return outcome.unseen ? 'an MD5 no device in your org saw in 30 days' : 'an MD5 Defender could not resolve to a file';
  if (!verdict) return '';
  if (verdict.level === 'not-found') return 'Defender has no record of this file';
  return `Defender's verdict: ${VERDICT_LABEL[verdict.level]}${verdict.threatName ? ` (${verdict.threatName})` : ''}`;
}
