import type { Command } from './command';
import { alertFilesCommand } from './alert-files';
import { auditCommand } from './audit';
import { hashCommand } from './hash';
import { helpCommand } from './help';

/** The command registry: a plain array, matched by exact name. */
export function defaultCommands(): Command[] {
  const commands: Command[] = [hashCommand, alertFilesCommand, auditCommand];
  commands.push(helpCommand(() => commands));
  return commands;
}
