/**
 * Moved to src/cards/card.ts. Kept only for bench/collecting-turn.ts (another change is rewriting
 * bench/ now); delete this file once bench imports src/cards/card.ts.
 */
export type { Card } from '../cards/card';
