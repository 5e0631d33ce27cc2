import usageTemplate from '../../cards/usage.json';
import type { Card } from '../app/card';
import { safeText } from './escape';
import { renderCard } from './render';

export interface UsageCardInput {
  /** What was wrong, e.g. "Missing a hash." Defaults to "I didn't understand that." */
  problem?: string;
  /** One example per command, e.g. { command: '/hash <sha256>', text: 'Verdict for a file' }. */
  usage: { command: string; text: string }[];
}

interface UsageView {
  problem: string;
  usage: { command: string; text: string }[];
}

export function usageCard({ problem, usage }: UsageCardInput): Card {
  const view: UsageView = {
    problem: safeText(problem) || "I didn't understand that.",
    usage: usage.map((u) => ({ command: safeText(u.command), text: safeText(u.text) })),
  };
  return renderCard(usageTemplate, view);
}
