import helpTemplate from '../../cards/help.json';
import type { Card } from './card';
import { safeText } from './escape';
import { renderCard } from './render';

export interface HelpCardInput {
  userName?: string;
  /** The commands this user may run (the caller filters by role). */
  commands: { usage: string; description: string }[];
  notes?: string[];
}

interface HelpView {
  greeting: string;
  commands: { usage: string; description: string }[];
  notes: { text: string }[];
}

export function helpCard({ userName, commands, notes = [] }: HelpCardInput): Card {
  const name = safeText(userName, 80);
  const view: HelpView = {
    greeting: name ? `Hi ${name}, here's what I can do for you` : "Here's what I can do for you",
    commands: commands.map((c) => ({ usage: safeText(c.usage), description: safeText(c.description) })),
    notes: notes.map((n) => ({ text: safeText(n) })).filter((n) => n.text !== ''),
  };
  return renderCard(helpTemplate, view);
}
