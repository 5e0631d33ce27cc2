import progressTemplate from '../../cards/progress.json';
import type { Card } from './card';
import { formatCount } from './format';
import { safeText } from './escape';
import { renderCard } from './render';

export interface ProgressCardInput {
  /** Hashes being looked up. */
  total: number;
  /** Hashes done so far; omitted on the first message. */
  done?: number;
  /** Plain text, e.g. "Found 1,234 hashes; looking up the first 1,000." */
  note?: string;
  /** Instead of "Looking up N hashes…", for work that is not a hash lookup (plain text). */
  title?: string;
}

interface ProgressView {
  title: string;
  hasDetail: boolean;
  detail: string;
}

/** "Looking up N hashes…": the message that later becomes the summary. */
export function progressCard({ total, done, note, title }: ProgressCardInput): Card {
  const parts = [done === undefined ? '' : `${formatCount(done) ?? '0'} of ${formatCount(total) ?? '0'} done.`, note ?? ''];
  const detail = safeText(parts.filter((p) => p !== '').join(' '), 400);
  const view: ProgressView = {
    title: title ? safeText(title, 200) : `Looking up ${formatCount(total) ?? '0'} ${total === 1 ? 'hash' : 'hashes'}…`,
    hasDetail: detail !== '',
    detail,
  };
  return renderCard(progressTemplate, view);
}

/** What the progress message says when the lookup (of hashes, or of `nouns`) stopped on an unexpected error. */
export function progressStoppedCard(total: number, nouns: readonly [one: string, many: string] = ['hash', 'hashes']): Card {
  const view: ProgressView = {
    title: `The lookup of ${formatCount(total) ?? '0'} ${total === 1 ? nouns[0] : nouns[1]} stopped`,
    hasDetail: true,
    detail: 'Something went wrong on our side; the next message has a correlation id for your admin.',
  };
  return renderCard(progressTemplate, view);
}
