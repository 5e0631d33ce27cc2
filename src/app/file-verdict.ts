import type { CardAction } from '../cards/card-action';
import type { CardSection } from '../cards/card-section';
import { CARD_VERBS } from '../cards/card-verbs';
import { md5Card } from '../cards/md5-card';
import { verdictCard } from '../cards/verdict-card';
import type { MdeFile } from '../mde/file';
import { hashTypeOf, type FoundHash } from '../triage/hashes';
import { decideVerdict } from '../triage/verdict';
import type { Card } from './card';
import type { AppDeps } from './deps';
import { mdeFailureCard } from './mde-failure-card';

/** One hash → its card. Expected MDE failures become a failure card, never an exception. */
export async function cardForHash(hash: FoundHash, deps: AppDeps): Promise<Card> {
  if (hash.type === 'md5') return md5Card({ md5: hash.value });
  try {
    return fileVerdictCard(hash, await deps.mde.getFile(hash.value), deps);
  } catch (err) {
    const card = mdeFailureCard(err, `Looking up ${hash.type.toUpperCase()} ${hash.value}`);
    if (card) return card;
    throw err;
  }
}

/** The verdict card for a looked-up file, with the pivot buttons when its SHA-1 is known. */
export function fileVerdictCard(hash: FoundHash, file: MdeFile | null, deps: AppDeps, section?: CardSection): Card {
  const sha1 = file ? sha1Of(hash, file) : undefined;
  return verdictCard({
    hash,
    file,
    verdict: decideVerdict(file),
    portalUrl: deps.portalUrl,
    actions: sha1 ? pivotButtons(sha1) : [],
    section: file ? section : undefined,
  });
}

/**
 * The SHA-1 the pivots need (MDE's related-devices/alerts/stats endpoints take nothing else): the
 * file profile's own, else the one asked for. Only a well-formed value is ever put on a button.
 */
export function sha1Of(hash: FoundHash, file: MdeFile): string | undefined {
  const fromFile = file.sha1?.trim().toLowerCase() ?? '';
  if (hashTypeOf(fromFile) === 'sha1') return fromFile;
  return hash.type === 'sha1' ? hash.value : undefined;
}

export function pivotButtons(sha1: string): CardAction[] {
  return [
    { type: 'Action.Execute', title: 'Devices', verb: CARD_VERBS.fileDevices, data: { sha: sha1 } },
    { type: 'Action.Execute', title: 'Alerts', verb: CARD_VERBS.fileAlerts, data: { sha: sha1 } },
    { type: 'Action.Execute', title: 'In our org', verb: CARD_VERBS.fileStats, data: { sha: sha1 } },
  ];
}
