import type { Card } from '../cards/card';

/**
 * What a card button is answered with: the card that replaces the clicked one, or, when the
 * clicked card must stay as it is (a summary whose row opened a verdict in a new message), a
 * short line the client shows under it (an invoke's `application/vnd.microsoft.activity.message`).
 */
export interface KeepCard {
  kind: 'keep-card';
  message: string;
}

export type ActionAnswer = Card | KeepCard;

export const keepCard = (message: string): KeepCard => ({ kind: 'keep-card', message });

export const isKeepCard = (answer: ActionAnswer): answer is KeepCard => (answer as { kind?: unknown }).kind === 'keep-card' && (answer as { type?: unknown }).type !== 'AdaptiveCard';
