import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openFileAuditJournal } from '../../src/audit/journal-file';
import { csvCell, exportEntries } from '../../src/audit/export';
import { runAuditCliIn } from '../support/audit-cli-run';

const HEADER = 'seq,time,type,request_id,kind,target,target_name,action,decision,actor_name,actor_id,mde_id,status,reason,comment,error,correlation_id,hash,prev_hash,data';

let dir: string;
let path: string;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'verdict-audit-cli-'));
  path = join(dir, 'audit.jsonl');
  let t = Date.parse('2026-11-20T10:00:00Z');
  const journal = await openFileAuditJournal({ path, now: () => (t += 60_000) });
  await journal.append({ type: 'containment.requested', actor: { name: 'Alex Wilber', aadObjectId: 'a1' }, requestId: 'r1', data: { reason: 'EICAR, "test"' } });
  await journal.append({ type: 'containment.approved', actor: { name: '=HYPERLINK("http://evil")' }, requestId: 'r1', data: {} });
  await journal.append({ type: 'containment.succeeded', actor: { name: 'verdict' }, requestId: 'r1', data: { indicatorId: '994' } });
  await journal.close();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const run = (...argv: string[]) => runAuditCliIn(dir, ...argv);

const rewriteLine = (index: number, change: (entry: Record<string, unknown>) => void) => {
  const lines = readFileSync(path, 'utf8').split('\n');
  const entry = JSON.parse(lines[index] ?? '{}') as Record<string, unknown>;
  change(entry);
  lines[index] = JSON.stringify(entry);
  writeFileSync(path, lines.join('\n'));
};

describe('audit CLI', () => {
  it('when the journal is intact, then verify says OK with the entry count and head', async () => {
    const { code, out } = await run('verify');
    expect(code).toBe(0);
    expect(out).toMatch(/^OK: 3 entries, chain intact; head seq 3, hash [0-9a-f]{64}/);
  });

  it('when an entry was edited, then verify points at it and exits 1', async () => {
    rewriteLine(1, (e) => (e.type = 'containment.denied'));
    const { code, out } = await run('verify');
    expect(code).toBe(1);
    expect(out).toMatch(/BROKEN at seq 2 \(line 2 of .*\): seq 2: hash does not match its content \(edited\)/);
  });

  it('when an entry was deleted, then verify finds the gap', async () => {
    const lines = readFileSync(path, 'utf8').split('\n');
    lines.splice(1, 1);
    writeFileSync(path, lines.join('\n'));
    const { code, out } = await run('verify');
    expect(code).toBe(1);
    expect(out).toMatch(/BROKEN at seq 2 .*found 3: entries missing/);
  });

  it('when entries were swapped, then verify finds the reorder', async () => {
    const lines = readFileSync(path, 'utf8').split('\n');
    [lines[0], lines[1]] = [lines[1] as string, lines[0] as string];
    writeFileSync(path, lines.join('\n'));
    expect((await run('verify')).out).toMatch(/BROKEN at seq 1 .*found 2/);
  });

  it('when exporting CSV, then every entry is a row, quotes are doubled and formulas are defused', async () => {
    const { code, out } = await run('export', '--format', 'csv');
    expect(code).toBe(0);
    const rows = out.trimEnd().split('\r\n');
    expect(rows[0]).toBe(HEADER);
    expect(rows).toHaveLength(4);
    expect(rows[1]).toContain('"{""reason"":""EICAR, \\""test\\""""}"');
    expect(rows[2]).toContain(`"'=HYPERLINK(""http://evil"")"`);
  });

  it('when exporting JSON since seq 2 to a file, then only those entries are written', async () => {
    const out = join(dir, 'export.json');
    const { code, err } = await run('export', '--format', 'json', '--since', '2', '--out', out);
    expect(code).toBe(0);
    expect(err).toMatch(/exported 2 of 3 entries/);
    const entries = JSON.parse(readFileSync(out, 'utf8')) as { seq: number }[];
    expect(entries.map((e) => e.seq)).toEqual([2, 3]);
  });

  it('when --since is a date-time, then older entries are left out', async () => {
    const { out } = await run('export', '--format', 'json', '--since', '2026-11-20T10:02:30Z');
    expect((JSON.parse(out) as { seq: number }[]).map((e) => e.seq)).toEqual([3]);
  });

  it.each([[['frobnicate']], [[]], [['export', '--format', 'xml']], [['export', '--since']], [['export', '--since', 'yesterday']]])(
    'when the arguments are %j, then it explains usage and exits 2',
    async (argv) => {
      const { code, err } = await run(...argv);
      expect(code).toBe(2);
      expect(err.length).toBeGreaterThan(0);
    },
  );

  it('when the journal file does not exist, then it says so and exits 2', async () => {
    const { code, err } = await run('verify', '--file', join(dir, 'nope.jsonl'));
    expect(code).toBe(2);
    expect(err).toMatch(/cannot read the journal at .*nope\.jsonl: ENOENT/);
  });
});

describe('csvCell', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['line\nbreak', '"line\nbreak"'],
    ['=1+1', "'=1+1"],
    ['+cmd', "'+cmd"],
    ['-2', "'-2"],
    ['@sum', "'@sum"],
  ])('when the value is %j, then the cell is %j', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it('when there are no entries, then CSV is just the header and JSON an empty array', () => {
    expect(exportEntries([], 'csv')).toBe(`${HEADER}\r\n`);
    expect(JSON.parse(exportEntries([], 'json'))).toEqual([]);
  });
});
