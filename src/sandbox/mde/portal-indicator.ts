import { DEMO_PUA_BLOCK_INDICATOR, type IndicatorEntity } from '../demo-indicators';

/** An indicator a person made in the Defender portal, as tests and demos describe one. */
export interface PortalIndicatorInit {
  /** MDE's id for it; default the store's next one. */
  id?: string;
  indicatorValue: string;
  /** Default 'FileSha256'. */
  indicatorType?: string;
  action: string;
  /** Default never (null). */
  expirationTime?: string | null;
  /** The person's UPN, as MDE reports a portal user. */
  createdBy: string;
  /** Default the UPN. */
  createdByDisplayName?: string;
  title?: string;
}

/**
 * The entity MDE would hold for it: made by a user (`sourceType: 'User'`, `createdBySource:
 * 'Portal'`), not by an app, so an app with only Ti.ReadWrite does not see it (reference §3b).
 */
export function portalIndicator(init: PortalIndicatorInit, id: string, now: number): IndicatorEntity {
  const at = new Date(now).toISOString();
  return {
    ...DEMO_PUA_BLOCK_INDICATOR,
    id,
    indicatorValue: init.indicatorValue,
    indicatorType: init.indicatorType ?? 'FileSha256',
    action: init.action,
    expirationTime: init.expirationTime ?? null,
    createdBy: init.createdBy,
    createdByDisplayName: init.createdByDisplayName ?? init.createdBy,
    creationTimeDateTimeUtc: at,
    lastUpdateTime: at,
    lastUpdatedBy: init.createdBy,
    title: init.title ?? `${init.action} ${init.indicatorValue.slice(0, 12)}…`,
    description: 'Made in the portal (sandbox).',
    recommendedActions: null,
    rbacGroupNames: [],
    rbacGroupIds: [],
  };
}
