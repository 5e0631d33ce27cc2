/**
 * The verbs Verdict's Action.Execute buttons carry, matched exactly by the router (STYLE habit 3).
 * The card data next to a verb is untrusted input: handlers validate it before use.
 */
export const CARD_VERBS = {
  /** data { sha }: the verdict card for that SHA-256, SHA-1 (or the MD5 card). */
  fileVerdict: 'file.verdict',
  /** data { sha }: SHA-1 only; the verdict card plus the devices that have the file. */
  fileDevices: 'file.devices',
  /** data { sha }: SHA-1 only; the verdict card plus the alerts that involve the file. */
  fileAlerts: 'file.alerts',
  /** data { sha }: SHA-1 only; the verdict card plus the file's prevalence in the org. */
  fileStats: 'file.stats',
} as const;

export type CardVerb = (typeof CARD_VERBS)[keyof typeof CARD_VERBS];

/**
 * Several rows of one card carry a button each; giving each a distinct title (with the start of
 * its hash) lets a screen reader, and a person, tell them apart.
 */
export function rowButtonTitle(verbTitle: string, hash: string): string {
  return `${verbTitle} ${hash.slice(0, 8)}`;
}

/** A hash shortened for a summary row; the full value is a click away. */
export function shortHash(hash: string): string {
  return hash.length > 16 ? `${hash.slice(0, 16)}…` : hash;
}
