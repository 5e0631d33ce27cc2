import md5Template from '../../cards/md5.json';
import type { Card } from '../app/card';
import { hashTypeOf } from '../triage/hashes';
import { renderCard } from './render';

interface Md5View {
  md5: string;
  query: string;
}

/**
 * Why an MD5 gets no verdict, and the hunting query that finds the SHA-1/SHA-256 to ask about
 * instead. The MD5 is checked to be one, so it can go into the query and the TextBlock as is.
 */
export function md5Card({ md5 }: { md5: string }): Card {
  if (hashTypeOf(md5) !== 'md5') throw new TypeError('md5Card needs a 32-hex MD5');
  const value = md5.trim().toLowerCase();
  const view: Md5View = { md5: value, query: md5HuntingQuery(value) };
  return renderCard(md5Template, view);
}

export function md5HuntingQuery(md5: string): string {
  return `DeviceFileEvents | where MD5 == "${md5}" | take 1 | project SHA1, SHA256`;
}
