/**
 * Undoes what advisories do to keep IoCs from being clickable ("defanging"), so the network
 * extractor sees the real values: `hxxp://evil[.]com`, `1.2.3[.]4`, `evil(.)com`, `hxxps[://]`,
 * `evil[:]8080`, `user[at]evil.com`, `evil[dot]com`.
 *
 * A defanged dot becomes DEFANGED_DOT rather than `.`, so the extractor can tell a value the
 * author deliberately marked as an IoC (trusted even when it looks like a file name, `run[.]sh`)
 * from a dotted word in prose (`setup.sh` is not a domain). Every pattern is a fixed string or a
 * single character class: the replacement is linear in the input whatever it holds.
 */

/** U+2024 ONE DOT LEADER: never typed in an IoC, so it can stand for "a dot that was defanged". */
export const DEFANGED_DOT = '\u2024';

// One alternation of fixed spellings, longest first where they share a start.
const DEFANGS = /\[:\/\/\]|\[:\]|\[\/\]|\[\.\]|\(\.\)|\{\.\}|\[dot\]|\(dot\)|\[at\]|\(at\)|\[@\]|hxxps|hxxp/gi;

const REPLACEMENT = new Map<string, string>([
  ['[://]', '://'],
  ['[:]', ':'],
  ['[/]', '/'],
  ['[.]', DEFANGED_DOT],
  ['(.)', DEFANGED_DOT],
  ['{.}', DEFANGED_DOT],
  ['[dot]', DEFANGED_DOT],
  ['(dot)', DEFANGED_DOT],
  ['[at]', '@'],
  ['(at)', '@'],
  ['[@]', '@'],
  ['hxxps', 'https'],
  ['hxxp', 'http'],
]);

// Ideographic and fullwidth full stops: IDNA treats them as dots, and so do people pasting from CJK text.
const WIDE_DOTS = /[\u3002\uFF0E\uFF61]/g;
// Zero-width characters and soft hyphens split a value invisibly (as in hashes.ts).
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;

export function refang(text: string): string {
  return text
    .replace(INVISIBLE, '')
    .replace(WIDE_DOTS, '.')
    .replace(DEFANGS, (found) => REPLACEMENT.get(found.toLowerCase()) ?? found);
}

/** The value with defanged dots made real again. */
export const undefang = (value: string): string => value.split(DEFANGED_DOT).join('.');
