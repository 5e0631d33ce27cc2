import type { Logger } from 'pino';
import type { RoleResolver } from '../access';
import type { RenderEntry } from '../audit/audit-trail';
import { auditChannelCard } from '../cards/audit-channel-card';
import { approvalViewers } from './containment/approval-viewers';
import type { ContainmentApp } from './deps';

/**
 * The audit channel's cards: a request's first card names the channel's approvers, so Teams can
 * give them their buttons; every other entry is its plain card.
 */
export function auditChannelRender(app: ContainmentApp | undefined, roles: RoleResolver, logger: Logger): RenderEntry {
  return async (entry, options, to) => {
    if (!app || entry.type !== 'containment.requested' || entry.data.approval === 'none') return auditChannelCard(entry, { ...options, words: app?.actions.words });
    const tenantId = to.tenantId ?? (typeof entry.data.tenantId === 'string' ? entry.data.tenantId : '');
    // The requester is not refreshed here (they cancel from their own card), but under four-eyes
    // must not be counted among those who can decide.
    const requester = entry.data.requester as { aadObjectId?: unknown } | undefined;
    const who = typeof requester?.aadObjectId === 'string' ? { mri: '', aadObjectId: requester.aadObjectId } : undefined;
    const viewers = await approvalViewers(app, roles, { conversationId: to.channelId, serviceUrl: to.serviceUrl, tenantId }, who, logger);
    return auditChannelCard(entry, { ...options, viewers, perUserViews: app.perUserViews, words: app.actions.words });
  };
}
