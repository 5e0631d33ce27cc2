import type { CardColor } from './verdict-card';

/** One file's row on a list of verdicts (alert files, advisory summaries): label, hash, note, button. */
export interface VerdictRowView {
  label: string;
  color: CardColor;
  hash: string;
  hasNote: boolean;
  note: string;
  hasButton: boolean;
  buttonTitle: string;
  verb: string;
  sha: string;
}
