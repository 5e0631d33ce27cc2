import type { CardColor } from './verdict-card';

/**
 * How a card shows a tone (Malicious, Suspicious, Clean; waiting, refused, done). Yellow and green
 * text are unreadable on white in Teams' light theme (about 1.5:1 and 2:1), so a tone is never a
 * text colour: it is a styled container around default-coloured, bold words that say it.
 */
export function containerStyle(tone: CardColor): 'attention' | 'warning' | 'good' | 'default' {
  return tone;
}
