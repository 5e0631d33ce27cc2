import { extractHashes, DEFAULT_MAX_HASHES, type Extraction } from '../../triage/hashes';
import { summariseLookups } from '../../triage/bulk-summary';
import { usageCard } from '../../cards/usage-card';
import { hashSummaryCards } from '../../cards/hash-summary-card';
import { progressCard, progressStoppedCard } from '../../cards/progress-card';
import { formatCount } from '../../cards/format';
import type { Turn } from '../turn';
import { bulkSettings, type AppDeps } from '../deps';
import { lookUpHashes } from '../bulk-lookup';
import { cardForHash } from '../file-verdict';
import { mdeFailureCard } from '../mde-failure-card';
import { startProgress } from '../progress-message';
import type { Command } from './command';

const USAGE = '/hash <SHA-256 | SHA-1 | MD5 | pasted text>';
const EXAMPLE = '/hash 275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f';

export const hashCommand: Command = {
  name: 'hash',
  usage: USAGE,
  description: "Defender for Endpoint's verdict on a file hash, or a summary of every hash in pasted text.",
  example: EXAMPLE,
  async run(turn, args, deps, access) {
    const usage = [{ command: USAGE, text: EXAMPLE }];
    if (!args) {
      await turn.reply(usageCard({ problem: 'Give me a SHA-256 or SHA-1 hash (or paste text that contains hashes).', usage }));
      return;
    }
    const extraction = extractHashes(args, { max: DEFAULT_MAX_HASHES });
    const [only] = extraction.hashes;
    if (only === undefined) {
      await turn.reply(usageCard({ problem: 'I could not find a SHA-256, SHA-1 or MD5 hash in that.', usage }));
      return;
    }
    turn.log.info({ hashes: extraction.totalFound }, 'hash lookup');
    if (extraction.hashes.length === 1) await turn.reply(await cardForHash(only, deps, access));
    else await summarise(turn, extraction, deps);
  },
};

/**
 * A pasted advisory: "Looking up N hashes…" at once, updated as the lookups go, and finally
 * replaced by the summary (or by the error card when MDE refused the whole batch).
 */
async function summarise(turn: Turn, extraction: Extraction, deps: AppDeps): Promise<void> {
  const { hashes, totalFound } = extraction;
  const total = hashes.length;
  const capNote = extraction.truncated ? `Found ${formatCount(totalFound) ?? ''} hashes; looking up the first ${formatCount(total) ?? ''}.` : undefined;
  const settings = bulkSettings(deps);
  const progress = await startProgress(turn, progressCard({ total, note: capNote }), {
    now: deps.now ?? Date.now,
    intervalMs: settings.progressIntervalMs,
  });
  try {
    const report = await lookUpHashes(hashes, deps, {
      onProgress: (done) => progress.update(progressCard({ total, done, note: capNote })),
    });
    await progress.finish(hashSummaryCards({ summary: summariseLookups(report.results), totalFound, notes: report.notes }));
  } catch (err) {
    const card = mdeFailureCard(err, `Looking up ${formatCount(total) ?? ''} hashes`);
    if (card) {
      await progress.finish([card]);
      return;
    }
    // Say the lookup stopped rather than leave "Looking up…" forever; the turn's handler answers with the error.
    await progress.finish([progressStoppedCard(total)]).catch((finishErr: unknown) => turn.log.warn({ err: finishErr }, 'could not mark the lookup as stopped'));
    throw err;
  }
}
