import type { Command } from './command';
import { hashCommand } from './hash';
import { helpCommand } from './help';

/** The command registry: a plain array, matched by exact name. */
export function defaultCommands(): Command[] {
  const commands: Command[] = [hashCommand];
  commands.push(helpCommand(() => commands));
  return commands;
}
