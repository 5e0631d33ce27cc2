import { mkdtempSync, readFileSync, rmSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuditEntry } from '../../src/audit/journal';
import { openFileAuditJournal } from '../../src/audit/journal-file';
import { storageOutboxState } from '../../src/audit/outbox-wiring';
import { createStorage } from '../../src/store';
import { runAuditCliIn } from '../support/audit-cli-run';

/** verify against what is kept outside the journal: the head record, the outbox position, cards. */
let dir: string;
let path: string;
let entries: AuditEntry[];

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'verdict-verify-end-'));
  path = join(dir, 'audit.jsonl');
  let t = Date.parse('2026-11-20T10:00:00Z');
  const journal = await openFileAuditJournal({ path, now: () => (t += 60_000) });
  entries = [];
  entries.push(await journal.append({ type: 'containment.requested', actor: { name: 'Alex Wilber' }, requestId: 'r1', data: { kind: 'isolate-device' } }));
  entries.push(await journal.append({ type: 'containment.approved', actor: { name: 'Megan Bowen' }, requestId: 'r1', data: {} }));
  entries.push(await journal.append({ type: 'containment.executing', actor: { name: 'verdict' }, requestId: 'r1', data: {} }));
  entries.push(await journal.append({ type: 'containment.succeeded', actor: { name: 'verdict' }, requestId: 'r1', data: { mdeId: 'ma-1' } }));
  await journal.close();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const run = (...argv: string[]) => runAuditCliIn(dir, ...argv);
/** An attacker (or an accident) removes the approval and Defender's result from the end. */
const cutToLines = (n: number) => {
  const keep = readFileSync(path, 'utf8').split('\n').slice(0, n).join('\n') + '\n';
  truncateSync(path, Buffer.byteLength(keep));
};
const deliveredUpTo = async (seq: number) => storageOutboxState(await createStorage({ kind: 'file', dir: join(dir, 'state') })).save({ deliveredSeq: seq, threads: new Map() });

describe('audit verify: entries removed from the end', () => {
  it('when the journal is intact, then verify says OK and names what its end was checked against', async () => {
    await deliveredUpTo(3);
    const { code, out } = await run('verify');
    expect(code).toBe(0);
    expect(out).toMatch(/^OK: 4 entries, chain intact; head seq 4/);
    expect(out).toMatch(/matches the head record .*audit\.head\.json \(seq 4\) and the audit outbox .* \(seq 3\): no entries missing from the end/);
  });

  it('when the last 2 entries were cut off, then verify reports "2 entries missing from the end" and exits 1', async () => {
    cutToLines(2);
    const { code, out } = await run('verify');
    expect(code).toBe(1);
    expect(out).toMatch(/^BROKEN: 2 entries missing from the end: the head record .*audit\.head\.json records seq 4, the journal ends at seq 2$/m);
    expect(out).not.toMatch(/^OK/m);
  });

  it('when the head record was removed too, then the outbox position in the state store still shows the loss', async () => {
    await deliveredUpTo(4);
    cutToLines(1);
    rmSync(join(dir, 'audit.head.json'));
    const { code, out } = await run('verify');
    expect(code).toBe(1);
    expect(out).toMatch(/BROKEN: 3 entries missing from the end: the audit outbox \(delivered position in the state store\) records seq 4, the journal ends at seq 1/);
    expect(out).toMatch(/note: no head record at /);
  });

  it('when only a card from the audit channel is left to compare, then --expect seq:hash catches the loss', async () => {
    cutToLines(3);
    rmSync(join(dir, 'audit.head.json'));
    const card = `${entries[3]?.seq}:${entries[3]?.hash.slice(0, 16)}`;
    const { code, out } = await run('verify', '--expect', card);
    expect(code).toBe(1);
    expect(out).toMatch(/BROKEN: 1 entry missing from the end: the audit channel card #4 records seq 4, the journal ends at seq 3/);
    expect((await run('verify', '--expect', `2:${entries[1]?.hash.slice(0, 16)}`)).code).toBe(0);
  });

  it('when there is nothing outside the journal to compare with, then verify says so instead of a bare OK', async () => {
    rmSync(join(dir, 'audit.head.json'));
    const { code, out } = await run('verify');
    expect(code).toBe(0);
    expect(out).toMatch(/warning: nothing outside the journal to check its end against.*--expect <seq>:<hash>/);
  });

  it('when exporting a journal cut short, then the export is written but warns of the missing entries and exits 1', async () => {
    cutToLines(2);
    const { code, out, err } = await run('export', '--format', 'json');
    expect((JSON.parse(out) as { seq: number }[]).map((e) => e.seq)).toEqual([1, 2]);
    expect(err).toMatch(/warning: BROKEN: 2 entries missing from the end: the head record/);
    expect(code).toBe(1);
  });

  it('when --expect is malformed, then it explains and exits 2', async () => {
    const { code, err } = await run('verify', '--expect', 'latest');
    expect(code).toBe(2);
    expect(err).toMatch(/--expect takes seq:hash pairs/);
  });
});
