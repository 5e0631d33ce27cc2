import { clip } from '../util/clip';

/**
 * Making outside text (file metadata, threat names, user input, error messages) safe for a
 * TextBlock or Fact, both of which Teams renders as markdown.
 *
 * Characters are backslash-escaped where markdown gives them meaning, not everywhere: some Teams
 * clients have shown escape backslashes literally (MicrosoftDocs/msteams-docs#5793), so needless
 * escapes would litter every dotted file name. Inline specials are always escaped; list, heading
 * and quote markers only at the start of a line. Parentheses and `!` are left alone because they
 * only form a link or image after a `[`/`]`, which is always escaped.
 */

const INLINE_SPECIALS = /[\\`*_[\]<>~|]/g;
/** `&amp;`, `&#91;` … would be decoded by the renderer; a lone `&` (AT&T) is harmless. */
const ENTITY_START = /&(?=#?[0-9a-z]+;)/gi;
const LINE_MARKER = /^([ \t]*)([#+\-=])/gm;
const ORDERED_MARKER = /^([ \t]*\d+)([.)])/gm;

export function escapeMarkdown(s: string): string {
  return s
    .replace(/\r\n?|[\u2028\u2029\u0085]/g, '\n')
    .replace(INLINE_SPECIALS, '\\$&')
    .replace(ENTITY_START, '\\&')
    .replace(LINE_MARKER, '$1\\$2')
    .replace(ORDERED_MARKER, '$1\\$2');
}

// Bidi overrides and isolates reorder what follows them ("invoice\u202Efdp.exe" shows as
// "invoiceexe.pdf"): shown as U+FFFD so the trick is visible instead of effective.
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;
const CONTROLS = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]+/g;

/** One line: line breaks and other control characters become single spaces. */
export function oneLine(s: string): string {
  return s.replace(BIDI_CONTROLS, '\uFFFD').replace(CONTROLS, ' ').replace(/ {2,}/g, ' ').trim();
}

export const DEFAULT_MAX_TEXT = 300;

/**
 * The one call view models make for outside text: one line, bounded (so a hostile value cannot
 * blow the card's size limit), escaped. Missing values become ''.
 */
export function safeText(value: string | null | undefined, max: number = DEFAULT_MAX_TEXT): string {
  return escapeMarkdown(clip(oneLine(value ?? ''), max));
}
