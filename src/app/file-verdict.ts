import { executeAction, type CardAction } from '../cards/card-action';
import type { CardSection } from '../cards/card-section';
import { CARD_VERBS } from '../cards/card-verbs';
import { verdictCard } from '../cards/verdict-card';
import type { MdeFile } from '../mde/file';
import { hashTypeOf, type FoundHash } from '../triage/hashes';
import { decideVerdict } from '../triage/verdict';
import type { Card } from '../cards/card';
import type { AppDeps } from './deps';
import { mdeFailureCard } from './mde-failure-card';
import { md5Card, md5NoProfileNote, md5ResolvedSection, md5UnseenCard } from '../cards/md5-card';
import type { Md5Resolution } from '../mde/client';
import { isMdeError } from '../mde/errors';
import { targetOf, unresolvedWhy } from './md5-lookup';
import { blockRequestFormAction } from '../cards/block-request-form';
import { can, type Access } from './access';
import { VERDICT_LABEL } from '../triage/verdict';

/** One hash → its card (an MD5 through hunting). Expected MDE failures become a failure card, never an exception. */
export async function cardForHash(hash: FoundHash, deps: AppDeps, access?: Access): Promise<Card> {
  try {
    if (hash.type === 'md5') return await md5VerdictCard(hash, deps, access);
    return fileVerdictCard(hash, await deps.mde.getFile(hash.value), deps, undefined, access);
  } catch (err) {
    const card = mdeFailureCard(err, `Looking up ${hash.type.toUpperCase()} ${hash.value}`);
    if (card) return card;
    throw err;
  }
}

/**
 * The verdict card for a looked-up file, with the pivot buttons when its SHA-1 is known, and
 * "Request block" for a responder when containment is wired (a view only: the click is re-checked).
 */
export function fileVerdictCard(hash: FoundHash, file: MdeFile | null, deps: AppDeps, section?: CardSection, access?: Access): Card {
  const sha1 = file ? sha1Of(hash, file) : undefined;
  const verdict = decideVerdict(file);
  const actions = sha1 ? pivotButtons(sha1) : [];
  const blockable = file ? blockHashOf(hash, file) : undefined;
  if (blockable && deps.containment && access && can(access.roles, 'request-containment')) {
    actions.unshift(blockRequestFormAction({ sha: blockable, verdictLabel: VERDICT_LABEL[verdict.level], threatName: verdict.threatName }));
  }
  return verdictCard({ hash, file, verdict, portalUrl: deps.portalUrl, actions, section: file ? section : undefined });
}

/** The hash a block button carries: SHA-256 when known (MDE prefers it), else SHA-1. */
function blockHashOf(hash: FoundHash, file: MdeFile): string | undefined {
  const sha256 = file.sha256?.trim().toLowerCase() ?? '';
  if (hashTypeOf(sha256) === 'sha256') return sha256;
  if (hash.type === 'sha256') return hash.value;
  return sha1Of(hash, file);
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
    executeAction('Devices', CARD_VERBS.fileDevices, { sha: sha1 }),
    executeAction('Alerts', CARD_VERBS.fileAlerts, { sha: sha1 }),
    executeAction('In our org', CARD_VERBS.fileStats, { sha: sha1 }),
  ];
}

/** One MD5 → the verdict card of the file it resolved to, the "never seen" card, or the hand-query card. */
export async function md5VerdictCard(hash: FoundHash, deps: AppDeps, access?: Access): Promise<Card> {
  let resolution: Md5Resolution | undefined;
  try {
    [resolution] = await deps.mde.resolveMd5s([hash.value]);
  } catch (err) {
    if (!isMdeError(err) || err.kind === 'unauthorized') throw err;
    return md5Card({ md5: hash.value, why: unresolvedWhy(err) });
  }
  const target = targetOf(resolution);
  if (!resolution || !target) return md5UnseenCard({ md5: hash.value });
  const file = await deps.mde.getFile(target.value);
  if (!file) return verdictCard({ hash: target, file: null, verdict: decideVerdict(null), portalUrl: deps.portalUrl, note: md5NoProfileNote(resolution) });
  return fileVerdictCard(target, file, deps, md5ResolvedSection(resolution), access);
}
