import { helpCard } from '../../cards/help-card';
import { can, describeRoles } from '../access';
import type { Command } from './command';

/** /help lists what this user can do; the list comes from the live registry so it never drifts. */
export function helpCommand(list: () => readonly Command[]): Command {
  return {
    name: 'help',
    usage: '/help',
    description: 'What Verdict can do for you.',
    example: '/help',
    requires: null,
    async run(turn, _args, deps, access) {
      const roles = access.roles;
      const mayLook = can(roles, 'lookup');
      const commands = list().filter((c) => c.requires === null || can(roles, c.requires ?? 'lookup'));
      const notes = [`Your Verdict roles: ${describeRoles(roles)}.`];
      if (!mayLook) notes.push('You have no Verdict role yet: ask your admin to add you to the Verdict readers group.');
      if (mayLook) {
        notes.push(
          'Paste a whole advisory after /hash: every SHA-256, SHA-1 and MD5 in it is found, defanged or not, and you get one summary, most dangerous first.',
          'An MD5 is resolved through advanced hunting to the SHA-256 your devices saw with it (last 30 days), then judged; one never seen in your org is said so.',
        );
      }
      if (deps.containment && can(roles, 'request-containment')) notes.push('As a responder you can ask for containment from a verdict or alert card ("Request block", "Request isolation"); an approver confirms it.');
      if (deps.containment && can(roles, 'decide-containment')) notes.push("As an approver you approve or deny containment requests on their approval cards (never your own).");
      notes.push('In a channel, @mention Verdict before the command.');
      await turn.reply(helpCard({ userName: turn.user.name, commands: commands.map((c) => ({ usage: c.usage, description: c.description })), notes }));
    },
  };
}
