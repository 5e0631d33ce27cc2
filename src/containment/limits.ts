/** Limits the core applies to every request, whatever its kind (each kind has its own for its fields). */
export const LIMITS = {
  reason: 1_000,
  /** A decision's comment (characters). */
  comment: 1_000,
} as const;
