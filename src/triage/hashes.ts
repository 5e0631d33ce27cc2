/**
 * Finds file hashes (MD5, SHA-1, SHA-256) in free text: one pasted hash or a whole advisory.
 *
 * A hash is a run of exactly 32, 40 or 64 hex digits whose neighbours are not [0-9a-z]
 * (case-insensitive). Taking whole alphanumeric tokens, rather than searching for hex inside them,
 * is what keeps a SHA-256 from also yielding a SHA-1 or MD5, ignores SHA-512 and longer runs, and
 * rejects hex that is part of a longer word (`x3395…`). Hyphenated GUIDs split into short runs and
 * never match.
 *
 * Before scanning, the text is normalised for what advisories, chat clients and web pages do to
 * hashes: HTML entities are decoded, invisible characters that split a hash are removed, and
 * percent-encoded or backslash-escaped separators become spaces (see `normalise`).
 */

export type HashType = 'sha256' | 'sha1' | 'md5';

export interface FoundHash {
  /** Lowercase hex. */
  value: string;
  type: HashType;
}

export interface Extraction {
  /** Unique (case-insensitively), in order of first appearance, at most `max`. */
  hashes: FoundHash[];
  /** Unique count before the cap. */
  totalFound: number;
  truncated: boolean;
}

export const DEFAULT_MAX_HASHES = 1000;

const TYPE_BY_LENGTH: Readonly<Record<number, HashType>> = { 32: 'md5', 40: 'sha1', 64: 'sha256' };

const HEX = /^[0-9a-f]+$/i;

/** Exact check of one token (surrounding whitespace ignored): its hash type, or undefined. */
export function hashTypeOf(token: string): HashType | undefined {
  const t = token.trim();
  return HEX.test(t) ? TYPE_BY_LENGTH[t.length] : undefined;
}

/** The value as lower-case hex when it is a well-formed hash of `type` (data from MDE is outside input too). */
export function hashOfType(value: string | null | undefined, type: HashType): string | undefined {
  const v = value?.trim().toLowerCase() ?? '';
  return hashTypeOf(v) === type ? v : undefined;
}

export function extractHashes(text: string, options: { max?: number } = {}): Extraction {
  const max = Number.isNaN(options.max) ? DEFAULT_MAX_HASHES : Math.max(0, options.max ?? DEFAULT_MAX_HASHES);
  const seen = new Set<string>();
  const hashes: FoundHash[] = [];
  for (const [token] of normalise(text).matchAll(/[0-9a-z]+/gi)) {
    const type = hashTypeOf(token);
    if (type === undefined) continue;
    const value = token.toLowerCase();
    if (seen.has(value)) continue;
    seen.add(value);
    // Keep counting past the cap so the caller can say "showing 1,000 of 1,234".
    if (hashes.length < max) hashes.push({ value, type });
  }
  return { hashes, totalFound: seen.size, truncated: seen.size > hashes.length };
}

// Zero-width space/non-joiner/joiner, word joiner, BOM and soft hyphen: invisible, so a hash that
// contains them looks whole to the person who pasted it.
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;

// A Map, so `&constructor;` cannot reach Object.prototype.
const NAMED_ENTITIES = new Map<string, string>([
  ['nbsp', ' '],
  ['amp', '&'],
  ['lt', '<'],
  ['gt', '>'],
  ['quot', '"'],
  ['apos', "'"],
  ['shy', '\u00AD'],
  ['zwsp', '\u200B'],
  ['zerowidthspace', '\u200B'],
  ['zwnj', '\u200C'],
  ['zwj', '\u200D'],
  ['nobreak', '\u2060'],
]);

function decodeEntity(_entity: string, body: string): string {
  if (body.startsWith('#')) {
    const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
    return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : ' ';
  }
  // An unknown named entity is still not part of a hash; a space keeps neighbours apart.
  return NAMED_ENTITIES.get(body.toLowerCase()) ?? ' ';
}

/** A %XX escape that decodes to punctuation, whitespace or a control character: a separator. */
function isSeparatorByte(byte: number): boolean {
  const isAlnum = (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a);
  return byte < 0x80 && !isAlnum;
}

function normalise(text: string): string {
  return (
    text
      // HTML from web pages and rich-text pastes: `&nbsp;`, `&#8203;` (a zero-width space) …
      // Names are capped at 16 characters so `&<md5>;` is never mistaken for an entity.
      .replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z][a-z0-9]{1,15});/gi, decodeEntity)
      .replace(INVISIBLE, '')
      // URLs (`?q=%22<hash>%22`): the two hex digits of %22 would otherwise glue onto the hash.
      // Only separators are decoded, so a hash that happens to follow a literal % loses nothing
      // unless the two digits after it decode to punctuation.
      .replace(/%([0-9a-f]{2})/gi, (escape, hex: string) => (isSeparatorByte(parseInt(hex, 16)) ? ' ' : escape))
      // Text copied out of JSON or logs: a literal `\n` would glue the letter n onto the hash.
      .replace(/\\[nrt]/g, ' ')
  );
}
