import type { Turn } from '../turn';
import type { AppDeps } from '../deps';
import type { Access } from '../access';
import { can, type Capability, type Role } from '../../access/roles';

/** A text command. `name` is matched exactly (case-insensitive), with or without a leading slash. */
export interface Command {
  name: string;
  /** e.g. "/hash <sha256 | sha1 | text with hashes>" */
  usage: string;
  description: string;
  /** A runnable example shown on usage and help cards. */
  example: string;
  /** What the user must be allowed to do to run it; default `lookup`. `null`: anyone (e.g. /help). */
  requires?: Capability | null;
  run(turn: Turn, args: string, deps: AppDeps, access: Access): Promise<void>;
}

/** Whether someone with `roles` may run `command` (the router's gate; help, usage and welcome list only these). */
export function mayRun(command: Pick<Command, 'requires'>, roles: ReadonlySet<Role>): boolean {
  const needs = command.requires === undefined ? 'lookup' : command.requires;
  return needs === null || can(roles, needs);
}
