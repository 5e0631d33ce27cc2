import usageTemplate from '../../cards/usage.json';
import type { Card } from './card';
import { safeText } from './escape';
import { renderCard } from './render';

export interface UsageCardInput {
  /** What was wrong, e.g. "Missing a hash." Defaults to "I didn't understand that." */
  problem?: string;
  /** One example per command, e.g. { command: '/hash <sha256>', text: 'Verdict for a file' }. */
  usage: { command: string; text: string }[];
  /** Lines under the examples: where to @mention Verdict, how to get a role. */
  notes?: string[];
}

interface UsageView {
  problem: string;
  usage: { command: string; text: string }[];
  notes: { text: string }[];
}

/** The caller lists only the commands this user may run (DESIGN: "listing only what this user may do"). */
export function usageCard({ problem, usage, notes = [] }: UsageCardInput): Card {
  const view: UsageView = {
    problem: safeText(problem) || "I didn't understand that.",
    usage: usage.map((u) => ({ command: safeText(u.command), text: safeText(u.text) })),
    notes: notes.map((n) => ({ text: safeText(n) })).filter((n) => n.text !== ''),
  };
  return renderCard(usageTemplate, view);
}
