import template from '../../cards/audit-entry.json';
import type { Card } from './card';
import type { AuditEntry } from '../audit/journal';
import type { Fact } from './card-action';
import { safeText } from './escape';
import { formatUtc, formatYesNo } from './format';
import { renderCard } from './render';
import { conversationLink } from './teams-links';
import { creatorInWords, NO_KIND_WORDS, refusalInWords, valueInWords, type AuditWords } from './audit-words';
import { LABELS, QUIET, rank } from './audit-labels';

const TITLES: Record<AuditEntry['type'], string> = {
  'containment.requested': 'Containment requested',
  'containment.approved': 'Approved',
  'containment.denied': 'Denied',
  'containment.refused': 'Refused',
  'containment.executing': 'Sent to Defender',
  'containment.succeeded': 'Defender accepted',
  'containment.failed': 'Failed',
  'containment.expired': 'Expired without a decision',
  'containment.cancelled': 'Cancelled by the requester',
  'containment.action-status': 'Action status in Defender',
  'audit.channel-set': 'Verdict posts its audit trail in this channel',
  'command.run': 'Command run',
};

const COLORS: Partial<Record<AuditEntry['type'], string>> = {
  'containment.failed': 'attention',
  'containment.refused': 'warning',
  'containment.denied': 'warning',
  'containment.succeeded': 'good',
};

const ACTION_STATUS_COLORS: ReadonlyMap<string, string> = new Map([['Succeeded', 'good'], ['Failed', 'attention'], ['TimeOut', 'attention'], ['Cancelled', 'warning']]);

/** A followed MachineAction's entry reads as its news: "Isolation: Succeeded" (its kind's word) rather than a type name. */
function actionStatus(entry: Pick<AuditEntry, 'data'>, words: AuditWords = NO_KIND_WORDS): { title: string; color: string } {
  const to = typeof entry.data.to === 'string' ? safeText(entry.data.to, 40) : 'unknown';
  const action = words.followed(typeof entry.data.kind === 'string' ? entry.data.kind : undefined) ?? 'Action';
  if (entry.data.followEnded === 'not-found') return { title: `${action}: Defender no longer knows the machine action`, color: 'warning' };
  if (entry.data.followEnded) return { title: `${action}: stopped following (last status ${to})`, color: 'warning' };
  // A bulk run's batch of device outcomes, journaled as devices finish: how far the journal is.
  const { journaledSoFar: so, devices } = entry.data;
  const batch = typeof so === 'number' && typeof devices === 'number' ? ` · ${so}/${devices} device outcomes journaled` : '';
  return { title: `${action}: ${to} in Defender${batch}`, color: ACTION_STATUS_COLORS.get(to) ?? 'default' };
}

/** A channel-set entry with no channel records the trail losing its channel (Verdict left that team). */
const CHANNEL_GONE = 'Verdict lost its audit channel: entries wait for the next one';

/** `words`: the response actions' own words (src/cards/audit-words.ts, `auditWordsOf`). */
export function auditEntryTitle(entry: Pick<AuditEntry, 'type' | 'data'>, words: AuditWords = NO_KIND_WORDS): string {
  if (entry.type === 'containment.action-status') return actionStatus(entry, words).title;
  if (entry.type === 'containment.refused') return `Refused: ${refusalInWords(entry.data, words)}`;
  if (entry.type === 'audit.channel-set' && entry.data.channelId === null) return CHANNEL_GONE;
  return TITLES[entry.type];
}
export const auditEntryColor = (entry: Pick<AuditEntry, 'type' | 'data'>): string =>
  entry.type === 'containment.action-status' ? actionStatus(entry).color : (COLORS[entry.type] ?? 'default');

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** A bulk request's line per device or item (`devicesInWords`, ≤ 50 of them): whole, not cut at 200 like other values. */
const IN_WORDS_MAX = 8_000;

/** A value Teams cannot wrap in a FactSet (a hash, a device id): shown on its own, in monospace. */
const UNBROKEN = /^\S{33,}$/;

/** Times as the other cards show them, yes/no for flags, the rest as they are. */
function shownValue(v: unknown): string {
  if (typeof v === 'boolean') return formatYesNo(v) ?? String(v);
  if (typeof v === 'string' && ISO_TIME.test(v)) return formatUtc(v) ?? v;
  return String(v);
}

interface Lines {
  facts: Fact[];
  /** Long unbroken values, each as a label and a wrapping monospace line. */
  ids: Fact[];
}

/** Nested objects as dotted keys (`target.sha256`, `detail.target.sha256`), at most three deep. */
function flatten(data: Record<string, unknown>, words: AuditWords, kind: string | undefined, prefix = '', depth = 1): [string, unknown][] {
  const pairs: [string, unknown][] = [];
  for (const [k, v] of Object.entries(data)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (QUIET.has(key) || (depth === 2 && QUIET.has(k))) continue;
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      if (depth < 3) pairs.push(...flatten(v as Record<string, unknown>, words, kind, key, depth + 1));
    } else pairs.push([key, valueInWords(key, v, words, kind)]);
  }
  return pairs;
}

/** A refusal's reason, and who created the indicator it ran into, in words rather than codes. */
function inWords(entry: Pick<AuditEntry, 'type' | 'data'>): Record<string, unknown> {
  const data = entry.data;
  const detail = data.detail && typeof data.detail === 'object' && !Array.isArray(data.detail) ? (data.detail as Record<string, unknown>) : undefined;
  const existing = detail?.existing && typeof detail.existing === 'object' ? (detail.existing as Record<string, unknown>) : undefined;
  const withCreator = existing && typeof existing.createdBy === 'string'
    ? { ...detail, existing: { ...existing, createdBy: creatorInWords(existing.createdBy, typeof existing.createdByName === 'string' ? existing.createdByName : null) } }
    : detail;
  if (entry.type !== 'containment.refused') return data;
  // The title says why (auditEntryTitle); the code stays in the journal.
  const { reason: _code, ...rest } = data;
  return { ...rest, ...(withCreator ? { detail: withCreator } : {}) };
}

/**
 * Plain values, one line each, nesting flattened (`target.sha256`, `parameters.action`) so a
 * request's card says what was asked for, in words; the journal keeps everything, codes and all.
 */
function lines(data: Record<string, unknown>, words: AuditWords): Lines {
  const pairs = flatten(data, words, typeof data.kind === 'string' ? data.kind : undefined);
  const shown = pairs
    .map(([k, v]): [string, unknown] => [k, Array.isArray(v) && v.every((x) => typeof x !== 'object') ? v.join(', ') : v])
    .filter(([, v]) => v !== null && v !== undefined && v !== '' && typeof v !== 'object')
    // A stable sort: the journal's canonical JSON orders keys alphabetically, people want "what" first.
    .sort(([a], [b]) => rank(a) - rank(b))
    .slice(0, 16)
    .map(([k, v]) => ({ title: safeText(LABELS.get(k) ?? words.label(k) ?? k, 40), value: shownValue(v), max: k.endsWith('InWords') ? IN_WORDS_MAX : 200 }));
  return {
    facts: shown.filter((f) => !UNBROKEN.test(f.value)).map((f) => ({ title: f.title, value: safeText(f.value, f.max) })),
    ids: shown.filter((f) => UNBROKEN.test(f.value)).map((f) => ({ title: f.title, value: safeText(f.value, f.max) })),
  };
}

/** Where a request was made: a link for channels and group chats, words for a personal chat. */
function origin(entry: AuditEntry): { where?: string; link?: string } {
  const conversationId = entry.data.conversationId;
  if (typeof conversationId !== 'string') return {};
  const tenantId = typeof entry.data.tenantId === 'string' ? entry.data.tenantId : undefined;
  const link = conversationLink(conversationId, tenantId);
  if (link) return { where: conversationId.includes('@thread.v2') ? 'a group chat' : 'a channel', link };
  return { where: 'a personal chat with Verdict' };
}

/** "2026-12-01 19:30:05Z": the entry's own clock, to the second. */
export const when = (entry: Pick<AuditEntry, 'at'>): string => entry.at.replace('T', ' ').replace(/\.\d+Z$/, 'Z');

export const REPEAT_NOTE = 'Re-sent after a restart: this may repeat the post above.';

export interface AuditEntryCardOptions {
  possibleRepeat?: boolean;
  /** Where the request stands now, under the title (a thread's root post, redrawn). Already escaped. */
  status?: { text: string; color: string };
  /** More facts after the entry's own (already escaped), e.g. who can decide in this channel. */
  facts?: Fact[];
  /** The response actions' words for their codes; without them codes show as they are. */
  words?: AuditWords;
}

/** One audit journal entry as a compact card for the audit channel. */
export function auditEntryCard(entry: AuditEntry, options: AuditEntryCardOptions = {}): Card {
  const who = safeText(entry.actor.name ?? entry.actor.aadObjectId ?? 'Verdict');
  const where = origin(entry);
  const { facts, ids } = lines(inWords(entry), options.words ?? NO_KIND_WORDS);
  const list = [...facts, ...(where.where ? [{ title: 'Asked in', value: where.where }] : []), ...(options.facts ?? [])];
  return renderCard(template, {
    title: auditEntryTitle(entry, options.words),
    color: auditEntryColor(entry),
    subtitle: `${who} · ${when(entry)}${entry.requestId ? ` · request ${safeText(entry.requestId, 64)}` : ''}`,
    hasStatus: Boolean(options.status),
    statusText: options.status?.text ?? '',
    statusColor: options.status?.color ?? 'default',
    hasFacts: list.length > 0,
    facts: list,
    hasIds: ids.length > 0,
    ids,
    chain: `#${entry.seq} ${entry.hash.slice(0, 16)}`,
    hasLink: Boolean(where.link),
    link: where.link ?? '',
    // The outbox could not tell whether Teams took this entry's earlier post (a restart).
    possibleRepeat: options.possibleRepeat === true,
    repeatNote: REPEAT_NOTE,
  });
}
