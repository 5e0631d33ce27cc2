import { extractHashes, DEFAULT_MAX_HASHES, type Extraction } from '../../triage/hashes';
import { extractNetworkIocs, type NetworkExtraction } from '../../triage/network-iocs';
import { advisoryCoverageCard, readIndicators } from '../advisory-coverage';
import { summariseLookups } from '../../triage/bulk-summary';
import { usageCard } from '../../cards/usage-card';
import { hashSummaryCards } from '../../cards/hash-summary-card';
import { progressCard, progressStoppedCard } from '../../cards/progress-card';
import { formatCount } from '../../cards/format';
import type { Turn } from '../turn';
import type { Access } from '../access';
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
    const network = extractNetworkIocs(args);
    const networkFound = network.iocs.length + network.refused.length;
    const [only] = extraction.hashes;
    if (only === undefined && networkFound === 0) {
      await turn.reply(usageCard({ problem: 'I could not find a SHA-256, SHA-1 or MD5 hash, an IP address, a domain or a URL in that.', usage }));
      return;
    }
    turn.log.info({ hashes: extraction.totalFound, network: network.totalFound }, 'hash lookup');
    if (only !== undefined && extraction.hashes.length === 1 && networkFound === 0) await turn.reply(await cardForHash(only, deps, access));
    else if (only === undefined) await turn.reply(await advisoryCoverageCard([], network, await readIndicators(turn, deps), deps, access));
    else await summarise(turn, extraction, network, deps, access);
  },
};

/**
 * A pasted advisory: "Looking up N hashes…" at once, updated as the lookups go, and finally
 * replaced by the summary (or by the error card when MDE refused the whole batch).
 */
async function summarise(turn: Turn, extraction: Extraction, network: NetworkExtraction, deps: AppDeps, access: Access): Promise<void> {
  const { hashes, totalFound } = extraction;
  const total = hashes.length;
  const capNote = extraction.truncated ? `Found ${formatCount(totalFound) ?? ''} hashes; looking up the first ${formatCount(total) ?? ''}.` : undefined;
  const settings = bulkSettings(deps);
  const progress = await startProgress(turn, progressCard({ total, note: capNote }), {
    now: deps.now ?? Date.now,
    intervalMs: settings.progressIntervalMs,
  });
  // The tenant's indicators are read alongside the lookups, for the coverage card that follows the verdicts.
  const indicators = readIndicators(turn, deps);
  try {
    const report = await lookUpHashes(hashes, deps, {
      onProgress: (done) => progress.update(progressCard({ total, done, note: capNote })),
    });
    const coverage = await advisoryCoverageCard(report.results, network, await indicators, deps, access);
    await progress.finish([...hashSummaryCards({ summary: summariseLookups(report.results), totalFound, notes: report.notes }), coverage]);
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
