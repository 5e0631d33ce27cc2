import md5Template from '../../cards/md5.json';
import md5UnseenTemplate from '../../cards/md5-unseen.json';
import type { Card } from './card';
import type { Md5Resolution, Md5Sighting } from '../mde/client';
import { MD5_LOOKBACK_DAYS } from '../mde/md5-query';
import { hashTypeOf } from '../triage/hashes';
import type { CardSection } from './card-section';
import { safeText } from './escape';
import { formatCount, formatUtc } from './format';
import { renderCard } from './render';

interface Md5View {
  md5: string;
  query: string;
  hasWhy: boolean;
  why: string;
}

/** Only a checked MD5 goes into a query or a TextBlock as is. */
function checkedMd5(md5: string): string {
  if (hashTypeOf(md5) !== 'md5') throw new TypeError('MD5 cards need a 32-hex MD5');
  return md5.trim().toLowerCase();
}

/**
 * An MD5 Verdict could not resolve (hunting refused or not answering): why it gets no verdict, and
 * the hunting query that finds the SHA-1/SHA-256 to ask about instead. `why` is plain text.
 */
export function md5Card({ md5, why }: { md5: string; why?: string }): Card {
  const value = checkedMd5(md5);
  const whyText = safeText(why ?? '');
  const view: Md5View = { md5: value, query: md5HuntingQuery(value), hasWhy: whyText !== '', why: whyText };
  return renderCard(md5Template, view);
}

export function md5HuntingQuery(md5: string): string {
  return `DeviceFileEvents | where MD5 == "${md5}" | take 1 | project SHA1, SHA256`;
}

/** Hunting answered, and no device in the org saw a file with this MD5 in its look-back. */
export function md5UnseenCard({ md5 }: { md5: string }): Card {
  return renderCard(md5UnseenTemplate, { md5: checkedMd5(md5), days: String(MD5_LOOKBACK_DAYS) });
}

const TABLE_WORDS: ReadonlyMap<string, string> = new Map([
  ['DeviceFileEvents', 'file events'],
  ['DeviceProcessEvents', 'process events'],
  ['DeviceImageLoadEvents', 'image loads'],
]);

/** Files listed under one MD5 on the verdict card; a collision beyond these is counted. */
const MAX_LISTED = 3;

/** "seen on 2 devices (ws-07, laptop-12) in file events, process events; last 2025-10-06 03:59 UTC". Plain text, escaped. */
export function whereSeen(file: Md5Sighting): string {
  const devices = `${formatCount(file.deviceCount) ?? '0'} ${file.deviceCount === 1 ? 'device' : 'devices'}`;
  const names = file.deviceNames.length > 0 ? ` (${file.deviceNames.join(', ')})` : '';
  const tables = file.seenIn.map((t) => TABLE_WORDS.get(t) ?? t).join(', ');
  const last = formatUtc(file.lastSeen);
  return safeText(`seen on ${devices}${names}${tables ? ` in ${tables}` : ''}${last ? `; last ${last}` : ''}`, 240);
}

/**
 * A resolved MD5 whose file the Files API has no profile for (hunting sees files on devices that
 * it may not know): the not-found card says what was asked and where the org saw it, not "never seen".
 */
export function md5NoProfileNote(resolution: Md5Resolution): string {
  const md5 = checkedMd5(resolution.md5);
  const first = resolution.files[0];
  const seen = first ? `, ${whereSeen(first)}` : '';
  return `You asked for MD5 ${md5}. Advanced hunting resolved it to the file below${seen}, but Defender has no file profile for it, so there is no verdict. That does not make the file safe.`;
}

/**
 * The section a resolved MD5's verdict card carries: which SHA-256 (else SHA-1) the MD5 resolved
 * to and where the org saw it. The verdict above is for the first (most widely seen) file.
 */
export function md5ResolvedSection(resolution: Md5Resolution): CardSection {
  const md5 = checkedMd5(resolution.md5);
  const items = resolution.files.slice(0, MAX_LISTED).map((file, i) => ({
    heading: safeText(file.sha256 ? `SHA-256 ${file.sha256}` : `SHA-1 ${file.sha1 ?? ''}`),
    color: 'default' as const,
    detail: `${i === 0 ? 'The verdict above is for this file, ' : ''}${whereSeen(file)}.`,
  }));
  const extra = resolution.files.length - items.length;
  return {
    title: `MD5 ${md5} resolved through advanced hunting (last ${MD5_LOOKBACK_DAYS} days)`,
    empty: '',
    items,
    facts: [],
    more: extra > 0 ? `…and ${formatCount(extra) ?? ''} more files with this MD5` : '',
  };
}
