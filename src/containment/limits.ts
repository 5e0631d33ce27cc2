/**
 * Input limits for new requests. MDE documents `title` and `description` as required but gives no
 * maximum length (post-ti-indicator); these bounds are ours, chosen well inside what the portal
 * shows in full and small enough for an approval card. UNCONFIRMED against MDE's own limits.
 */
export const LIMITS = {
  reason: 1_000,
  title: 100,
  description: 1_000,
  recommendedActions: 1_000,
  fileName: 260,
  rbacGroupName: 256,
  rbacGroups: 50,
  computerDnsName: 255,
  comment: 1_000,
} as const;

/** Above this share of the indicator cap the approval card warns about quota. */
export const QUOTA_WARNING_RATIO = 0.8;
