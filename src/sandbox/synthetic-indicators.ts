import { createHash } from 'node:crypto';
import { DEMO_INDICATOR_AUTHOR, DEMO_PUA_BLOCK_INDICATOR, type IndicatorEntity } from './demo-indicators';

/**
 * The opt-in crowded tenant (`containment.syntheticIndicators`): thousands of custom indicators
 * as a SOC that has imported feeds for years has them, for the redundancy review and the quota.
 * Deterministic by index, so tests and benchmarks can count what they expect:
 *
 * | i % 20          | indicator                                                              |
 * |-----------------|------------------------------------------------------------------------|
 * | 0, 5, 10, 15    | FileSha256 Block on a known-malware file (`bad0…`: Malware under syntheticFiles) |
 * | 1               | FileSha1 Block on a known-malware file (`0bad…`)                          |
 * | 2               | FileMd5 Block (MD5s cannot be profiled through hunting)                   |
 * | 3               | IpAddress Block · 4: DomainName Audit · 6: Url Warn                       |
 * | 7               | FileSha256 Block that expires within 7 days                              |
 * | 8               | FileSha256 Block that expired yesterday (not counted against the cap)    |
 * | other           | FileSha256 Block/Audit on a file Defender does not call malware          |
 *
 * Creators rotate: a user (UPN and display name), Verdict's own app, and an app known only by its
 * GUID (no display name), so "who created it" can be tested both ways.
 */

const DAY_MS = 86_400_000;
const hex = (algorithm: 'sha256' | 'sha1' | 'md5', seed: string) => createHash(algorithm).update(`verdict-sandbox/crowded/${seed}`).digest('hex');
/** First byte 0x40–0xff: clean, unknown or not found under the synthetic-files rule, never malware or PUA. */
const notMalware = (h: string) => (parseInt(h.slice(0, 2), 16) < 0x40 ? `4${h.slice(1)}` : h);

export const FEED_APP_ID = '7d5c1e2a-9b3f-4f7e-8a61-3c2d9e0b4f15';

export interface CrowdedTenantOptions {
  count: number;
  /** Verdict's client id: every third indicator is "created by Verdict". */
  verdictClientId: string;
  now: number;
  firstId?: number;
}

export function crowdedIndicators(options: CrowdedTenantOptions): IndicatorEntity[] {
  const first = options.firstId ?? 20_000;
  return Array.from({ length: options.count }, (_, i) => {
    const slot = i % 20;
    const seed = String(i);
    const base = { ...DEMO_PUA_BLOCK_INDICATOR, id: String(first + i), title: `Feed indicator #${i + 1}`, description: 'Imported by the sandbox to crowd the tenant.', recommendedActions: null, rbacGroupNames: [], rbacGroupIds: [] };
    const creator = creatorOf(i % 3, options.verdictClientId);
    let fields: Partial<IndicatorEntity>;
    if (slot % 5 === 0) fields = { indicatorType: 'FileSha256', indicatorValue: `bad0${hex('sha256', seed).slice(4)}`, action: 'Block' };
    else if (slot === 1) fields = { indicatorType: 'FileSha1', indicatorValue: `0bad${hex('sha1', seed).slice(4)}`, action: 'Block' };
    else if (slot === 2) fields = { indicatorType: 'FileMd5', indicatorValue: hex('md5', seed), action: 'Block' };
    else if (slot === 3) fields = { indicatorType: 'IpAddress', indicatorValue: `45.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`, action: 'Block' };
    else if (slot === 4) fields = { indicatorType: 'DomainName', indicatorValue: `c2-${i}.feed-example.top`, action: 'Audit', generateAlert: true };
    else if (slot === 6) fields = { indicatorType: 'Url', indicatorValue: `http://dl-${i}.feed-example.top/p.exe`, action: 'Warn' };
    else if (slot === 7) fields = { indicatorType: 'FileSha256', indicatorValue: notMalware(hex('sha256', seed)), action: 'Block', expirationTime: new Date(options.now + (1 + (i % 6)) * DAY_MS).toISOString() };
    else if (slot === 8) fields = { indicatorType: 'FileSha256', indicatorValue: notMalware(hex('sha256', seed)), action: 'Block', expirationTime: new Date(options.now - DAY_MS).toISOString() };
    else fields = { indicatorType: 'FileSha256', indicatorValue: notMalware(hex('sha256', seed)), action: i % 2 ? 'Block' : 'Audit', generateAlert: true };
    return { ...base, ...creator, ...fields };
  });
}

function creatorOf(which: number, verdictClientId: string): Partial<IndicatorEntity> {
  if (which === 0) return { sourceType: 'User', createdBySource: 'Portal', createdBy: DEMO_INDICATOR_AUTHOR, createdByDisplayName: 'SecOps Lead', lastUpdatedBy: DEMO_INDICATOR_AUTHOR };
  if (which === 1) return { sourceType: 'AadApp', createdBySource: 'Verdict', createdBy: verdictClientId, createdByDisplayName: 'Verdict', lastUpdatedBy: verdictClientId };
  // A feed connector: MDE shows only its app id (no display name to resolve it by).
  return { sourceType: 'AadApp', createdBySource: 'TI feed', createdBy: FEED_APP_ID, createdByDisplayName: '', lastUpdatedBy: FEED_APP_ID };
}
