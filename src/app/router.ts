import { extractHashes } from '../triage/hashes';
import { extractNetworkIocs } from '../triage/network-iocs';
import { usageCard } from '../cards/usage-card';
import { problemCard } from '../cards/problem-card';
import type { Card } from '../cards/card';
import type { ActionAnswer } from './action-answer';
import type { Turn } from './turn';
import { tenantAllowed, type AppDeps } from './deps';
import type { Command } from './commands/command';
import { parseCommand } from './parse-command';
import { containmentActions, defaultActions } from './actions';
import { can, howToGetARole, notAllowedCard, resolveAccess, type Access } from './access';
import { mayRun } from './commands/command';
import { MENTION_NOTE } from './commands/help';
import { createWelcome } from './welcome';
import type { Capability } from '../access/roles';
import { auditedCommand, auditedVerb, journalRouterRefusal, roleRefusal } from './refusal-audit';

/** A card button handler, found by its exact verb. Returns the card that replaces the clicked one (or keeps it). */
export interface ActionHandler {
  verb: string;
  /** What the clicker must be allowed to do; default `lookup`. Handlers may check more. */
  requires?: Capability;
  run(turn: Turn, deps: AppDeps, access: Access): Promise<ActionAnswer>;
}

export interface Router {
  handleMessage(turn: Turn): Promise<void>;
  /** Verdict was installed in, or first opened from, this conversation: post the welcome once. */
  welcome?(turn: Turn): Promise<void>;
  /** Returns the card that replaces the clicked card, or that the clicked card stays. */
  handleAction(turn: Turn): Promise<ActionAnswer>;
}

const tenantRefusal = (): Card =>
  problemCard({
    title: 'This Teams tenant is not allowed to use Verdict',
    detail: 'Verdict answers only in the Microsoft Entra tenant it was installed for.',
    action: 'Ask your Verdict admin to install it in your tenant.',
  });

/**
 * `actions` defaults to the registry in actions/index.ts, as `commands` comes from commands/index.ts;
 * containment's handlers (decisions, and every response action's form) are added from `deps.containment`.
 */
export function createRouter(deps: AppDeps, commands: readonly Command[], actions: readonly ActionHandler[] = defaultActions()): Router {
  const byName = new Map(commands.map((c) => [c.name.toLowerCase(), c]));
  const byVerb = new Map([...actions, ...containmentActions(deps)].map((a) => [a.verb, a]));
  const usage = (access: Access) => commands.filter((c) => mayRun(c, access.roles)).map((c) => ({ command: c.usage, text: c.example }));
  const usageNotes = (access: Access) => [MENTION_NOTE, ...(access.roles.size === 0 ? [howToGetARole(access)] : [])];

  return {
    async handleMessage(turn) {
      const parsed = parseCommand(turn.text);
      if (!tenantAllowed(deps.tenants, turn.tenantId)) {
        turn.log.warn({ tenantId: turn.tenantId }, 'turn from a tenant that is not allowed');
        const audited = parsed && auditedCommand(parsed.name);
        if (audited) await journalRouterRefusal(turn, deps, audited, 'wrong-tenant');
        await turn.reply(tenantRefusal());
        return;
      }
      // Every message re-resolves the sender's roles (the resolver caches briefly).
      const resolved = await resolveAccess(turn, deps);
      if (!resolved.ok) {
        await turn.reply(resolved.card);
        return;
      }
      const access = resolved.access;
      const run = async (c: Command, args: string): Promise<void> => {
        const needs = c.requires === undefined ? 'lookup' : c.requires;
        if (needs !== null && !can(access.roles, needs)) {
          turn.log.info({ command: c.name, roles: [...access.roles] }, 'command refused: role');
          const audited = auditedCommand(c.name);
          if (audited) await journalRouterRefusal(turn, deps, audited, roleRefusal(access), { access, needs });
          await turn.reply(notAllowedCard(access, needs));
          return;
        }
        await c.run(turn, args, deps, access);
      };
      const command = parsed && byName.get(parsed.name);
      if (command && parsed) {
        turn.log.info({ command: command.name }, 'command');
        await run(command, parsed.args);
        return;
      }
      // A file sent without a command is a device CSV (the only file Verdict reads); /devices says why not.
      const devices = byName.get('devices');
      if (turn.file && devices) {
        await run(devices, '');
        return;
      }
      // A bare paste of hashes (or of an advisory's IPs, domains, URLs) is what people do most;
      // treat it as /hash rather than scold them.
      const hash = byName.get('hash');
      if (hash && (extractHashes(turn.text, { max: 1 }).hashes.length > 0 || hasNetworkIocs(turn.text))) {
        await run(hash, turn.text);
        return;
      }
      const problem = !turn.text.trim()
        ? 'Tell me what to look up.'
        : parsed
          ? `I don't know the command "${parsed.name}".`
          : "I didn't understand that.";
      await turn.reply(usageCard({ problem, usage: usage(access), notes: usageNotes(access) }));
    },

    welcome: createWelcome(deps, () => commands),

    async handleAction(turn) {
      const verb = turn.action?.verb ?? '';
      // Refusals of containment clicks are journaled before the refusal is shown (the service
      // journals the ones it decides itself).
      const audited = auditedVerb(verb, deps);
      if (!tenantAllowed(deps.tenants, turn.tenantId)) {
        turn.log.warn({ tenantId: turn.tenantId }, 'card action from a tenant that is not allowed');
        if (audited) await journalRouterRefusal(turn, deps, audited, 'wrong-tenant');
        return tenantRefusal();
      }
      const handler = byVerb.get(verb);
      if (!handler) {
        turn.log.warn('unknown card verb');
        return problemCard({
          title: 'This button is not supported',
          detail: 'The card may come from an older version of Verdict.',
          action: 'Run the command again to get a fresh card.',
        });
      }
      const resolved = await resolveAccess(turn, deps);
      if (!resolved.ok) return resolved.card;
      const needs = handler.requires ?? 'lookup';
      if (!can(resolved.access.roles, needs)) {
        turn.log.info({ verb, roles: [...resolved.access.roles] }, 'card action refused: role');
        if (audited) await journalRouterRefusal(turn, deps, audited, roleRefusal(resolved.access), { access: resolved.access, needs });
        return notAllowedCard(resolved.access, needs);
      }
      return handler.run(turn, deps, resolved.access);
    },
  };
}

/** Whether a message that is no command carries a network IoC (checked only when it has no hash). */
function hasNetworkIocs(text: string): boolean {
  const found = extractNetworkIocs(text, { max: 1 });
  return found.iocs.length > 0 || found.refused.length > 0;
}
