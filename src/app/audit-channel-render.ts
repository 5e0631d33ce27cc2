import type { Logger } from 'pino';
import type { RoleResolver } from '../access';
import type { AuditChannelCards } from '../audit/audit-trail';
import type { OutboxOptions } from '../audit/outbox';
import { auditChannelCard, auditRootCard } from '../cards/audit-channel-card';
import { auditRefusalSummaryCard } from '../cards/audit-refusal-summary-card';
import { auditSkippedCard } from '../cards/audit-skipped-card';
import { approvalViewers } from './containment/approval-viewers';
import type { ContainmentApp } from './deps';

/** The outbox's own notices: an entry it could not post, and the summary of refusal noise. */
export const auditNoticeCards: Pick<OutboxOptions, 'renderSkipped' | 'renderSummary'> = {
  renderSkipped: auditSkippedCard,
  renderSummary: auditRefusalSummaryCard,
};

/**
 * The audit channel's cards: a request's first card names the channel's approvers, so Teams can
 * give them their buttons; every other entry is its plain card. A request's root is redrawn as it
 * moves on; entries the channel will not take and refusal noise get the outbox's notices.
 */
export function auditChannelRender(app: ContainmentApp | undefined, roles: RoleResolver, logger: Logger): AuditChannelCards {
  const words = app?.actions.words;
  return {
    render: async (entry, options, to) => {
      // A request that ran by policy (approval 'none') has nothing to decide: its plain card.
      if (!app || entry.type !== 'containment.requested' || entry.data.approval === 'none') return auditChannelCard(entry, { ...options, words });
      const tenantId = to.tenantId ?? (typeof entry.data.tenantId === 'string' ? entry.data.tenantId : '');
      // The requester is not refreshed here (they cancel from their own card), but under four-eyes
      // must not be counted among those who can decide.
      const requester = entry.data.requester as { aadObjectId?: unknown } | undefined;
      const who = typeof requester?.aadObjectId === 'string' ? { mri: '', aadObjectId: requester.aadObjectId } : undefined;
      const viewers = await approvalViewers(app, roles, { conversationId: to.channelId, serviceUrl: to.serviceUrl, tenantId }, who, logger);
      return auditChannelCard(entry, { ...options, viewers, perUserViews: app.perUserViews, words });
    },
    // The approval presenter redraws a request's root (it knows the kinds); without containment, the plain root.
    renderRoot: app ? app.presenter.auditRoot : (root, latest) => auditRootCard(root, latest),
    ...auditNoticeCards,
  };
}
