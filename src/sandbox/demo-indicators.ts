import { createHash } from 'node:crypto';
import { DEMO_FILES } from './demo-files';

/**
 * MDE's Indicator entity as the sandbox keeps it (reference §3a). The creator field is answered as
 * `createdBySource` by GET and as `source` by POST (the docs' table and example disagree; clients
 * must read both).
 */
export interface IndicatorEntity {
  id: string;
  indicatorValue: string;
  indicatorType: string;
  action: string;
  application: string | null;
  sourceType: 'User' | 'AadApp';
  createdBySource: string;
  createdBy: string;
  createdByDisplayName: string;
  creationTimeDateTimeUtc: string;
  expirationTime: string | null;
  lastUpdateTime: string;
  lastUpdatedBy: string;
  severity: string;
  title: string;
  description: string;
  recommendedActions: string | null;
  rbacGroupNames: string[];
  rbacGroupIds: string[];
  generateAlert: boolean;
  externalID: string | null;
}

/** The SOC lead who blocked the FusionCore installer in the portal (a user, not an app). */
export const DEMO_INDICATOR_AUTHOR = 'secops-lead@verdict-demo.example';

/**
 * Already in the demo tenant: a portal-made Block on the PUA file's (FusionCore installer) SHA-256,
 * never expiring, so "already blocked" can be demoed. Made by a user, so an app with only
 * Ti.ReadWrite does not see it (reference §3b); with Ti.ReadWrite.All it does.
 */
export const DEMO_PUA_BLOCK_INDICATOR: Readonly<IndicatorEntity> = Object.freeze({
  id: '994',
  indicatorValue: DEMO_FILES.pua.sha256,
  indicatorType: 'FileSha256',
  action: 'Block',
  application: null,
  sourceType: 'User',
  createdBySource: 'Portal',
  createdBy: DEMO_INDICATOR_AUTHOR,
  createdByDisplayName: 'SecOps Lead',
  creationTimeDateTimeUtc: '2025-10-21T14:03:55.1230000Z',
  expirationTime: null,
  lastUpdateTime: '2025-10-21T14:03:55.1230000Z',
  lastUpdatedBy: DEMO_INDICATOR_AUTHOR,
  severity: 'Medium',
  title: 'FusionCore bundler blocked tenant-wide',
  description: 'PUA:Win32/FusionCore installer; blocked after the EICAR incident on workstation-07.',
  recommendedActions: 'Uninstall FusionCore and run a full scan.',
  rbacGroupNames: [],
  rbacGroupIds: [],
  generateAlert: true,
  externalID: null,
});

/** `n` made-up portal indicators (Block on SHA-256 digests of their index), never expiring. */
export function seededIndicators(n: number, firstId: number): IndicatorEntity[] {
  return Array.from({ length: n }, (_, i) => ({
    ...DEMO_PUA_BLOCK_INDICATOR,
    id: String(firstId + i),
    indicatorValue: createHash('sha256').update(`verdict-sandbox/seeded-indicator/${i}`).digest('hex'),
    title: `Seeded block #${i + 1}`,
    description: 'Made up by the sandbox to fill the tenant towards the 15,000-indicator cap.',
    recommendedActions: null,
    rbacGroupNames: [],
    rbacGroupIds: [],
  }));
}
