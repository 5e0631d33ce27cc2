import { CARD_VERBS } from '../../cards/card-verbs';
import { cardForHash } from '../file-verdict';
import type { ActionHandler } from '../router';
import { hashFromAction, invalidButtonCard } from './action-hash';

/** "Details" on a summary or alert card: that file's verdict card (the MD5 card for an MD5). */
export const fileVerdictAction: ActionHandler = {
  verb: CARD_VERBS.fileVerdict,
  async run(turn, deps, access) {
    const hash = hashFromAction(turn, ['sha256', 'sha1', 'md5']);
    return hash ? cardForHash(hash, deps, access) : invalidButtonCard(turn);
  },
};
