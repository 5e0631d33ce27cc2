import { GENESIS_HASH, type AuditEntryInput, type ChainHead } from '../../src/audit/journal';
import { entryHash, sealEntry, verifyLines } from '../../src/audit/journal-chain';

const input = (n: number): AuditEntryInput => ({
  type: n % 2 ? 'containment.requested' : 'containment.approved',
  actor: { aadObjectId: '3a8f1c52-6b0e-4d7a-9c21-5e4b7f0a1d01', name: 'Alex Wilber' },
  requestId: `req-${n}`,
  data: { n, reason: 'EICAR on FIN-LAPTOP-07' },
});

/** A sound chain of `count` lines (without newlines). */
function chain(count: number): string[] {
  let head: ChainHead = { seq: 0, hash: GENESIS_HASH };
  const lines: string[] = [];
  for (let n = 1; n <= count; n++) {
    const { entry, line } = sealEntry(head, input(n), `2025-11-03T10:0${n % 10}:00.000Z`);
    lines.push(line.slice(0, -1));
    head = { seq: entry.seq, hash: entry.hash };
  }
  return lines;
}

const edit = (line: string, change: (e: Record<string, unknown>) => void): string => {
  const e = JSON.parse(line) as Record<string, unknown>;
  change(e);
  return JSON.stringify(e);
};

describe('journal chain', () => {
  it('when entries are sealed, then seq counts from 1, prev links to the previous hash, and hash covers the content', () => {
    const [first, second] = chain(2).map((l) => JSON.parse(l) as { seq: number; prev: string; hash: string });
    expect(first).toMatchObject({ seq: 1, prev: GENESIS_HASH });
    expect(second).toMatchObject({ seq: 2, prev: first?.hash });
    expect(first?.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(entryHash(first as never)).toBe(first?.hash);
  });

  it('when the actor has no name and there is no request id, then those keys are simply absent', () => {
    const { entry, line } = sealEntry({ seq: 0, hash: GENESIS_HASH }, { type: 'command.run', actor: { aadObjectId: 'x' } }, '2025-01-01T00:00:00.000Z');
    expect(entry).toEqual({ seq: 1, at: '2025-01-01T00:00:00.000Z', type: 'command.run', actor: { aadObjectId: 'x' }, data: {}, prev: GENESIS_HASH, hash: expect.any(String) });
    expect(line.endsWith('}\n')).toBe(true);
  });

  it('when the type is not a known entry type, then sealing refuses', () => {
    expect(() => sealEntry({ seq: 0, hash: GENESIS_HASH }, { type: 'containment.oops' as never, actor: {} }, 'x')).toThrow(/unknown type/);
  });

  it('when nothing was touched, then verify passes with the count and head', () => {
    const lines = chain(5);
    expect(verifyLines(lines)).toEqual({ ok: true, entries: 5, head: { seq: 5, hash: (JSON.parse(lines[4] as string) as { hash: string }).hash } });
    expect(verifyLines([])).toEqual({ ok: true, entries: 0, head: { seq: 0, hash: GENESIS_HASH } });
  });

  it('when an entry\'s data is edited, then verify breaks at it: hash mismatch', () => {
    const lines = chain(5);
    lines[2] = edit(lines[2] as string, (e) => ((e.data as Record<string, unknown>).reason = 'nothing to see'));
    expect(verifyLines(lines)).toEqual({ ok: false, brokenAt: 3, line: 3, reason: 'seq 3: hash does not match its content (edited)' });
  });

  it('when an entry is edited and re-hashed, then verify breaks at the next one: prev mismatch', () => {
    const lines = chain(5);
    lines[1] = edit(lines[1] as string, (e) => {
      e.actor = { name: 'Mallory' };
      e.hash = entryHash(e as never);
    });
    expect(verifyLines(lines)).toMatchObject({ ok: false, brokenAt: 3, reason: expect.stringContaining('prev is not the hash of seq 2') });
  });

  it('when an entry is deleted, then verify breaks where it was: seq gap', () => {
    const lines = chain(5);
    lines.splice(1, 1);
    expect(verifyLines(lines)).toMatchObject({ ok: false, brokenAt: 2, line: 2, reason: expect.stringContaining('expected seq 2, found 3: entries missing') });
  });

  it('when two entries are swapped, then verify breaks at the first: out of order', () => {
    const lines = chain(5);
    [lines[2], lines[3]] = [lines[3] as string, lines[2] as string];
    expect(verifyLines(lines)).toMatchObject({ ok: false, brokenAt: 3, reason: expect.stringContaining('expected seq 3, found 4') });
  });

  it('when a well-formed entry is inserted, then verify breaks at the original that follows it', () => {
    const lines = chain(5);
    const head = JSON.parse(lines[1] as string) as { seq: number; hash: string };
    const forged = sealEntry({ seq: head.seq, hash: head.hash }, input(99), '2025-11-03T10:30:00.000Z').line.slice(0, -1);
    lines.splice(2, 0, forged);
    expect(verifyLines(lines)).toMatchObject({ ok: false, brokenAt: 4, line: 4, reason: expect.stringContaining('found 3: entries out of order or repeated') });
  });

  it('when entries are renumbered to hide a deletion, then verify breaks on the chain link', () => {
    const lines = chain(4);
    lines.splice(1, 1);
    lines[1] = edit(lines[1] as string, (e) => (e.seq = 2));
    lines[2] = edit(lines[2] as string, (e) => (e.seq = 3));
    expect(verifyLines(lines)).toMatchObject({ ok: false, brokenAt: 2, reason: expect.stringContaining('prev is not the hash of seq 1') });
  });

  it('when a line is not JSON or not an entry, then verify names the line', () => {
    const lines = chain(3);
    expect(verifyLines([lines[0] as string, '{"torn": tr'])).toMatchObject({ ok: false, brokenAt: 2, line: 2, reason: 'line 2 is not valid JSON' });
    expect(verifyLines([lines[0] as string, '{"seq":2}'])).toMatchObject({ ok: false, brokenAt: 2, reason: expect.stringContaining('not an audit entry') });
  });
});
