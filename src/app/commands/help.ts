import { helpCard } from '../../cards/help-card';
import { can, describeRoles, NO_ROLE_SOURCE_HINT, type Access } from '../access';
import type { AppDeps } from '../deps';
import { mayRun, type Command } from './command';

export const MENTION_NOTE = 'In a channel or group chat, @mention Verdict before the command, e.g. @Verdict /help.';

/** The lines that tell this user what their roles let them do, shared by /help and the welcome. */
export function roleNotes(access: Access, deps: AppDeps): string[] {
  const roles = access.roles;
  const notes = [`Your Verdict roles: ${describeRoles(roles)}.`];
  if (roles.size === 0 && !access.noRoleSource) notes.push('You have no Verdict role yet: ask your admin to add you to the Verdict readers group.');
  if (access.noRoleSource) notes.push(NO_ROLE_SOURCE_HINT);
  if (deps.containment && can(roles, 'request-containment')) notes.push('As a responder you can ask for containment from a verdict or alert card ("Request block", "Request isolation"); an approver confirms it.');
  if (deps.containment && can(roles, 'decide-containment')) notes.push('As an approver you approve or deny containment requests on their approval cards (never your own).');
  return notes;
}

/** /help lists what this user can do; the list comes from the live registry so it never drifts. */
export function helpCommand(list: () => readonly Command[]): Command {
  return {
    name: 'help',
    usage: '/help',
    description: 'What Verdict can do for you.',
    example: '/help',
    requires: null,
    async run(turn, _args, deps, access) {
      const commands = list().filter((c) => mayRun(c, access.roles));
      const [rolesLine = '', ...rest] = roleNotes(access, deps);
      const tips = can(access.roles, 'lookup')
        ? [
            'Paste a whole advisory after /hash: every SHA-256, SHA-1 and MD5 in it is found, defanged or not, and you get one summary, most dangerous first.',
            "An MD5 is resolved through advanced hunting to the SHA-256 your devices saw with it (last 30 days), then judged; one never seen in your org is said so.",
          ]
        : [];
      const notes = [rolesLine, ...tips, ...rest, MENTION_NOTE];
      await turn.reply(helpCard({ userName: turn.user.name, commands: commands.map((c) => ({ usage: c.usage, description: c.description })), notes }));
    },
  };
}
