import type { Card } from './card';
import type { AuditEntry } from '../audit/journal';
import { approvalActions, approvalRefresh, decidersText, type ApprovalViewers } from './approval-card';
import { auditEntryCard, auditEntryColor, auditEntryTitle, when } from './audit-entry-card';
import { safeText } from './escape';
import type { AuditWords } from './audit-words';

export interface AuditChannelCardOptions {
  possibleRepeat?: boolean;
  /** The approvers in the audit channel (Teams' refresh.userIds), when they could be listed. */
  viewers?: ApprovalViewers;
  /** Teams with user-specific views: with `viewers`, the posted card carries no Approve / Deny. */
  perUserViews?: boolean;
  /** The response actions' words for their codes (src/cards/audit-words.ts). */
  words?: AuditWords;
}

/**
 * What the audit channel shows for an entry. A request's first card (the root of its thread) also
 * carries Approve / Deny and a refresh: on-call approvers watch this channel, and a request made in
 * someone's personal chat with Verdict can be decided nowhere else. Each click is decided on the
 * server as anywhere else (role, four-eyes, TTL). The refresh names the channel's approvers when
 * they are known; with per-user views only they get the buttons, everyone else a read-only card.
 */
export function auditChannelCard(entry: AuditEntry, options: AuditChannelCardOptions = {}): Card {
  // A request that needs no approver (its kind's policy) is decided already: nothing to click.
  const request = entry.type === 'containment.requested' && entry.data.approval !== 'none' && entry.requestId;
  const card = auditEntryCard(entry, { possibleRepeat: options.possibleRepeat, words: options.words, facts: request && options.viewers ? [{ title: 'Can decide here', value: decidersText(options.viewers) }] : [] });
  if (!request || !entry.requestId) return card;
  const links = Array.isArray(card.actions) ? (card.actions as unknown[]) : [];
  const decide = options.perUserViews && options.viewers ? [] : approvalActions(entry.requestId, { approve: true, deny: true, cancel: false });
  return { ...card, actions: [...decide, ...links], refresh: approvalRefresh(entry.requestId, options.viewers?.userIds) };
}

/**
 * A request's first card once the request has moved on (`latest` was just posted in its thread):
 * where it stands, without buttons or refresh, so nobody is left with a live Approve on a
 * decided request.
 */
export function auditRootCard(root: AuditEntry, latest: AuditEntry, words?: AuditWords): Card {
  const who = safeText(latest.actor.name ?? latest.actor.aadObjectId ?? 'Verdict', 100);
  return auditEntryCard(root, { words, status: { text: `Now: ${auditEntryTitle(latest, words)} (${who}, ${when(latest)}). Every step is in this thread.`, color: auditEntryColor(latest) } });
}
