import { open } from 'node:fs/promises';
import { anchoredSeqs, checkAnchors } from '../audit/journal-anchors';
import { scanJournal } from '../audit/journal-scan';
import type { Anchors } from './audit-anchors';

/**
 * `verify`: the whole chain in one streaming pass, then its end against the anchors kept outside
 * the file. Returns the report and the exit code (0 sound, 1 broken or entries missing).
 */
export async function verifyJournal(path: string, { anchors, notes }: Anchors): Promise<{ text: string; code: 0 | 1 }> {
  const wanted = anchoredSeqs(anchors);
  const hashes = new Map<number, string>();
  const handle = await open(path, 'r');
  const scan = await scanJournal(handle, { onEntry: (e) => void (wanted.has(e.seq) && hashes.set(e.seq, e.hash)) }).finally(() => handle.close());
  const { result } = scan;
  if (!result.ok) return { text: `BROKEN at seq ${result.brokenAt} (line ${result.line} of ${path}): ${result.reason}\n`, code: 1 };
  const lines: string[] = [];
  const findings = checkAnchors(result.head, anchors, (seq) => hashes.get(seq));
  const problems = findings.flatMap((f) => (f.ok ? [] : [f.message]));
  const chain = `${result.entries} entries, chain intact; head seq ${result.head.seq}, hash ${result.head.hash}`;
  if (problems.length > 0) {
    lines.push(...problems.map((p) => `BROKEN: ${p}`), `(the ${chain})`);
  } else {
    lines.push(`OK: ${chain}`);
    if (anchors.length > 0) lines.push(`Its end matches ${anchors.map((a) => `${a.source} (seq ${a.seq})`).join(' and ')}: no entries missing from the end.`);
    else lines.push('warning: nothing outside the journal to check its end against, so entries removed from the end would not show. Compare the newest card in the audit channel: --expect <seq>:<hash>.');
  }
  for (const note of notes) lines.push(`note: ${note}`);
  if (scan.fragmentBytes > 0) lines.push(`note: ${scan.fragmentBytes} bytes after the last line are an append that never finished (the bot sets them aside at its next start)`);
  return { text: `${lines.join('\n')}\n`, code: problems.length > 0 ? 1 : 0 };
}
