import type { Card } from '../app/card';
import type { AuditEntry } from '../audit/journal';
import { approvalActions, approvalRefresh } from './approval-card';
import { auditEntryCard } from './audit-entry-card';

/**
 * What the audit channel shows for an entry. A request's first card (the root of its thread) also
 * carries Approve / Deny and a refresh: on-call approvers watch this channel, and a request made in
 * someone's personal chat with Verdict can be decided nowhere else. Each click is decided on the
 * server as anywhere else (role, four-eyes, TTL), and in channels of up to 60 members Teams
 * refreshes the card to the request as it stands, so a decided request shows no buttons.
 */
export function auditChannelCard(entry: AuditEntry, options: { possibleRepeat?: boolean } = {}): Card {
  const card = auditEntryCard(entry, options);
  if (entry.type !== 'containment.requested' || !entry.requestId) return card;
  const links = Array.isArray(card.actions) ? (card.actions as unknown[]) : [];
  return {
    ...card,
    actions: [...approvalActions(entry.requestId, { approve: true, deny: true, cancel: false }), ...links],
    refresh: approvalRefresh(entry.requestId),
  };
}
