/**
 * Bounding outside text by characters (code points, so a cut never splits a surrogate pair):
 * `clip` for what people read (an ellipsis says it was cut), `cutTo` for stored values (the
 * journal, request fields), which keep exactly the first `max` characters.
 */

/** At most `max` characters, with an ellipsis when cut. */
export function clip(s: string, max: number): string {
  const chars = Array.from(s);
  return chars.length <= max ? s : `${chars.slice(0, Math.max(0, max - 1)).join('')}…`;
}

/** The first `max` characters, unmarked. */
export function cutTo(s: string, max: number): string {
  return Array.from(s).slice(0, max).join('');
}
