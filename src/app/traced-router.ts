import type { Router } from './router';
import { parseCommand } from './parse-command';
import type { Telemetry } from '../telemetry/telemetry';

/**
 * The router with a span per command or card verb, named from Verdict's own registries: a word
 * someone typed that is no command is `message`, an unknown verb `unknown`.
 */
export function tracedRouter(router: Router, telemetry: Telemetry, known: { commands: readonly string[]; verbs: readonly string[] }): Router {
  if (!telemetry.enabled) return router;
  const commands = new Set(known.commands.map((c) => c.toLowerCase()));
  const verbs = new Set(known.verbs);
  return {
    ...router,
    handleMessage(turn) {
      const name = parseCommand(turn.text)?.name.toLowerCase();
      const command = name !== undefined && commands.has(name) ? name : 'message';
      return telemetry.span('verdict.command', { 'verdict.command': command }, () => router.handleMessage(turn));
    },
    handleAction(turn) {
      const verb = turn.action?.verb ?? '';
      return telemetry.span('verdict.action', { 'verdict.verb': verbs.has(verb) ? verb : 'unknown' }, () => router.handleAction(turn));
    },
  };
}
