import { extractHashes, type FoundHash } from '../../triage/hashes';
import { decideVerdict } from '../../triage/verdict';
import { verdictCard } from '../../cards/verdict-card';
import { md5Card } from '../../cards/md5-card';
import { usageCard } from '../../cards/usage-card';
import type { Card } from '../card';
import type { AppDeps } from '../deps';
import type { Command } from './command';
import { mdeFailureCard } from '../mde-failure-card';

/** Cards sent for one /hash message; bulk summaries for longer advisories are a separate feature. */
export const MAX_VERDICT_CARDS = 10;

const USAGE = '/hash <SHA-256 | SHA-1 | MD5 | pasted text>';
const EXAMPLE = '/hash 275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f';

export const hashCommand: Command = {
  name: 'hash',
  usage: USAGE,
  description: "Defender for Endpoint's verdict on a file hash, or on every hash in pasted text.",
  example: EXAMPLE,
  async run(turn, args, deps) {
    const usage = [{ command: USAGE, text: EXAMPLE }];
    if (!args) {
      await turn.reply(usageCard({ problem: 'Give me a SHA-256 or SHA-1 hash (or paste text that contains hashes).', usage }));
      return;
    }
    const { hashes, totalFound } = extractHashes(args, { max: MAX_VERDICT_CARDS });
    if (hashes.length === 0) {
      await turn.reply(usageCard({ problem: 'I could not find a SHA-256, SHA-1 or MD5 hash in that.', usage }));
      return;
    }
    turn.log.info({ hashes: totalFound }, 'hash lookup');
    for (const hash of hashes) {
      await turn.reply(await cardForHash(hash, deps));
    }
    if (totalFound > hashes.length) {
      await turn.reply(
        usageCard({
          problem: `I looked up the first ${hashes.length} of ${totalFound} hashes. Send the rest in smaller batches.`,
          usage,
        }),
      );
    }
  },
};

/** One hash → its card. Expected MDE failures become a failure card, never an exception. */
export async function cardForHash(hash: FoundHash, deps: AppDeps): Promise<Card> {
  if (hash.type === 'md5') return md5Card({ md5: hash.value });
  try {
    const file = await deps.mde.getFile(hash.value);
    return verdictCard({ hash, file, verdict: decideVerdict(file), portalUrl: deps.portalUrl });
  } catch (err) {
    const card = mdeFailureCard(err, `Looking up ${hash.type.toUpperCase()} ${hash.value}`);
    if (card) return card;
    throw err;
  }
}
