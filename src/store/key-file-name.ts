import { createHash } from 'node:crypto';

/**
 * A file name for a storage key: a readable prefix for people browsing STATE_DIR, then the key's
 * SHA-256, which alone makes the name unique. Keys such as `msteams/conversations/19:…@thread`
 * contain `/`, `:` and more; none of that reaches the file system, and no name starts with a dot.
 */
export function keyFileName(key: string): string {
  const readable = key.replace(/[^A-Za-z0-9_-]+/g, '_').slice(0, 60);
  const hash = createHash('sha256').update(key, 'utf8').digest('hex');
  return `${readable || '_'}.${hash}.json`;
}
