import type { Turn } from '../turn';
import type { AppDeps } from '../deps';

/** A text command. `name` is matched exactly (case-insensitive), with or without a leading slash. */
export interface Command {
  name: string;
  /** e.g. "/hash <sha256 | sha1 | text with hashes>" */
  usage: string;
  description: string;
  /** A runnable example shown on usage and help cards. */
  example: string;
  run(turn: Turn, args: string, deps: AppDeps): Promise<void>;
}
