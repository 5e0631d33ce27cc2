import { auditListCard } from '../../cards/audit-list-card';
import { usageCard } from '../../cards/usage-card';
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
    await turn.reply(auditListCard(entries, head));
  },
};
