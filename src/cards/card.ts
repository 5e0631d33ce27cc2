/** An Adaptive Card as plain JSON. Built by `src/cards`, turned into an attachment by `src/teams`. */
export type Card = Record<string, unknown> & { type: 'AdaptiveCard' };
