import { auditListCard } from '../../cards/audit-list-card';
import { usageCard } from '../../cards/usage-card';
import { problemCard } from '../../cards/problem-card';
import type { Command } from './command';

const USAGE = '/audit [n]';
const DEFAULT_COUNT = 10;
const MAX_COUNT = 50;

/** /audit [n]: the last n journal entries, for approvers. The channel shows them as they happen. */
export const auditCommand: Command = {
  name: 'audit',
  usage: USAGE,
  description: `The last audit entries (default ${DEFAULT_COUNT}, at most ${MAX_COUNT}): requests, decisions, refusals and Defender results.`,
  example: '/audit 20',
  requires: 'view-audit',
  async run(turn, args, deps) {
    const usage = [{ command: USAGE, text: '/audit 20' }];
    if (!deps.audit) {
      await turn.reply(usageCard({ problem: 'The audit journal is not available in this deployment.', usage }));
      return;
    }
    const n = args === '' ? DEFAULT_COUNT : /^\d{1,3}$/.test(args) ? Number(args) : NaN;
    if (!Number.isInteger(n) || n < 1 || n > MAX_COUNT) {
      await turn.reply(usageCard({ problem: `Give a number of entries from 1 to ${MAX_COUNT}.`, usage }));
      return;
    }
    const head = deps.audit.head().seq;
    const entries = await deps.audit.read({ since: Math.max(0, head - n), limit: n });
    // Reading the trail is itself on the trail (who looked, at what), journaled before it is shown.
    try {
      await deps.audit.append({
        type: 'command.run',
        actor: { aadObjectId: turn.user.aadObjectId, name: turn.user.name },
        data: { command: '/audit', shown: entries.length, fromSeq: entries[0]?.seq ?? null, toSeq: entries.at(-1)?.seq ?? null, tenantId: turn.tenantId ?? null },
      });
    } catch (err) {
      turn.log.error({ err }, 'could not journal an /audit view; not showing it');
      await turn.reply(problemCard({ title: "Verdict couldn't write its audit journal", detail: 'Looking at the audit trail is recorded in it, and that failed, so nothing is shown.', action: 'Try again in a minute; if it keeps failing, tell your Verdict admin.' }));
      return;
    }
    await turn.reply(auditListCard(entries, head, deps.containment?.actions.words));
  },
};
