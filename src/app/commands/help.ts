import { helpCard } from '../../cards/help-card';
import type { Command } from './command';

/** /help lists what this user can do; the list comes from the live registry so it never drifts. */
export function helpCommand(list: () => readonly Command[]): Command {
  return {
    name: 'help',
    usage: '/help',
    description: 'What Verdict can do for you.',
    example: '/help',
    async run(turn) {
      await turn.reply(
        helpCard({
          userName: turn.user.name,
          commands: list().map((c) => ({ usage: c.usage, description: c.description })),
          notes: [
            'Paste a whole advisory after /hash: every SHA-256, SHA-1 and MD5 in it is found, defanged or not, and you get one summary, most dangerous first.',
            "MD5 is recognised, but Defender's Files API only takes SHA-1 or SHA-256.",
            'In a channel, @mention Verdict before the command.',
          ],
        }),
      );
    },
  };
}
