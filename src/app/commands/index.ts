import type { Command } from './command';
import { alertFilesCommand } from './alert-files';
import { auditCommand } from './audit';
import { devicesCommand } from './devices';
import { actionsCommand } from './actions';
import { hashCommand } from './hash';
import { helpCommand } from './help';
import { indicatorsCommand } from './indicators';

/** The command registry: a plain array, matched by exact name. */
export function defaultCommands(): Command[] {
  const commands: Command[] = [hashCommand, alertFilesCommand, devicesCommand, actionsCommand, indicatorsCommand, auditCommand];
  commands.push(helpCommand(() => commands));
  return commands;
}
