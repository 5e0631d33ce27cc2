import welcomeTemplate from '../../cards/welcome.json';
import type { Card } from './card';
import { safeText } from './escape';
import { renderCard } from './render';

export interface WelcomeCardInput {
  userName?: string;
  /** The commands this user may run (the caller filters by role); empty in shared conversations. */
  commands: { usage: string; description: string }[];
  /** Where to type, the user's roles, how to get one: one line each. */
  notes: string[];
}

interface WelcomeView {
  title: string;
  intro: string;
  commands: { usage: string; description: string }[];
  notes: { text: string }[];
}

const INTRO =
  'Verdict gives you Microsoft Defender for Endpoint verdicts in chat: paste a hash, a whole advisory or an alert id. ' +
  'Responders can ask to block a file or isolate a device; an approver confirms, and every step goes to an audit trail.';

/** Posted once when Verdict is installed or first opened in a conversation. */
export function welcomeCard({ userName, commands, notes }: WelcomeCardInput): Card {
  const name = safeText(userName, 80);
  const view: WelcomeView = {
    title: name ? `Welcome to Verdict, ${name}` : 'Welcome to Verdict',
    intro: INTRO,
    commands: commands.map((c) => ({ usage: safeText(c.usage), description: safeText(c.description) })),
    notes: notes.map((n) => ({ text: safeText(n) })).filter((n) => n.text !== ''),
  };
  return renderCard(welcomeTemplate, view);
}
