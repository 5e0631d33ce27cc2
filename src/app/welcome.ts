import { welcomeCard } from '../cards/welcome-card';
import { NO_ROLE_SOURCE_HINT, resolveAccess } from './access';
import { mayRun, type Command } from './commands/command';
import { MENTION_NOTE, roleNotes } from './commands/help';
import { tenantAllowed, type AppDeps } from './deps';
import type { Turn } from './turn';

/** Teams announces one install twice (installationUpdate and conversationUpdate): welcome once. */
const REPEAT_WINDOW_MS = 10 * 60_000;
/** Conversations remembered at most; the oldest is forgotten first (a forgotten one may be welcomed twice). */
const MAX_REMEMBERED = 1_000;

/**
 * The welcome posted when Verdict is installed in, or first opened from, a conversation: what it
 * does and, in a personal chat, what this user may do (roles resolved now, on the server). In a
 * channel or group chat everyone reads it, so it names nobody's roles and points to /help.
 */
export function createWelcome(deps: AppDeps, commands: () => readonly Command[]): (turn: Turn) => Promise<void> {
  const welcomed = new Map<string, number>();
  const now = deps.now ?? Date.now;

  const firstTime = (conversationId: string): boolean => {
    const at = now();
    for (const [id, when] of welcomed) if (at - when >= REPEAT_WINDOW_MS || welcomed.size > MAX_REMEMBERED) welcomed.delete(id);
    const last = welcomed.get(conversationId);
    if (last !== undefined && at - last < REPEAT_WINDOW_MS) return false;
    welcomed.set(conversationId, at);
    return true;
  };

  return async (turn) => {
    if (!tenantAllowed(deps.tenants, turn.tenantId)) {
      turn.log.warn({ tenantId: turn.tenantId }, 'install from a tenant that is not allowed: no welcome');
      return;
    }
    // Claimed before any await: the two install events arrive together.
    if (!firstTime(turn.conversation.id)) return;
    const resolved = await resolveAccess(turn, deps);
    if (!resolved.ok) {
      await turn.reply(resolved.card);
      return;
    }
    const access = resolved.access;
    const personal = turn.conversation.type === 'personal';
    const notes = personal
      ? [...roleNotes(access, deps), 'Type /help here any time to see this again.']
      : [MENTION_NOTE, 'Each person sees what their own roles let them do with @Verdict /help.', ...(access.noRoleSource ? [NO_ROLE_SOURCE_HINT] : [])];
    const mine = personal ? commands().filter((c) => mayRun(c, access.roles)) : [];
    turn.log.info({ personal, roles: [...access.roles] }, 'welcome');
    await turn.reply(welcomeCard({ userName: personal ? turn.user.name : undefined, commands: mine.map((c) => ({ usage: c.usage, description: c.description })), notes }));
  };
}
