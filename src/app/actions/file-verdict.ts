import { CARD_VERBS } from '../../cards/card-verbs';
import { keepCard } from '../action-answer';
import { cardForHash } from '../file-verdict';
import type { ActionHandler } from '../router';
import { hashFromAction, invalidButtonCard } from './action-hash';

/** "Details" on an alert card: that file's verdict card (the MD5 card for an MD5) in its place. */
export const fileVerdictAction: ActionHandler = {
  verb: CARD_VERBS.fileVerdict,
  async run(turn, deps, access) {
    const hash = hashFromAction(turn, ['sha256', 'sha1', 'md5']);
    return hash ? cardForHash(hash, deps, access) : invalidButtonCard(turn);
  },
};

/**
 * "Details" on a summary row: the verdict comes as a new message and the summary stays, so an
 * analyst working down a list of 30 hashes never loses it (nor does anyone else, whose copy
 * Teams would not have replaced anyway).
 */
export const fileOpenAction: ActionHandler = {
  verb: CARD_VERBS.fileOpen,
  async run(turn, deps, access) {
    const hash = hashFromAction(turn, ['sha256', 'sha1', 'md5']);
    if (!hash) return invalidButtonCard(turn);
    await turn.reply(await cardForHash(hash, deps, access));
    return keepCard(`Opened the verdict for ${hash.value.slice(0, 16)}… below; this summary stays.`);
  },
};
