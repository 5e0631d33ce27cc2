import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openFileAuditJournal } from '../../src/audit/journal-file';
import { EXPORT_COLUMNS } from '../../src/audit/export-columns';

/**
 * The audit CLI as an operator runs it: `npm run … audit` in its own process, against a
 * journal in a temporary STATE_DIR, with nothing from the developer's npm settings inherited.
 */
const ROOT = join(__dirname, '..', '..');
const HEADER = EXPORT_COLUMNS.join(',');
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'verdict-cli-process-'));
  const journal = await openFileAuditJournal({ path: join(dir, 'audit.jsonl'), now: Date.now });
  await journal.append({ type: 'containment.requested', actor: { name: 'Alex Wilber' }, requestId: 'r1', data: { kind: 'block-file', target: { sha256: 'ab'.repeat(32) }, reason: 'EICAR' } });
  await journal.append({ type: 'containment.approved', actor: { name: 'Megan Bowen' }, requestId: 'r1', data: { kind: 'block-file' } });
  await journal.append({ type: 'containment.succeeded', actor: { name: 'verdict' }, requestId: 'r1', data: { kind: 'block-file', mdeId: '994' } });
  await journal.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const npm = (args: string[]): Promise<{ code: number; stdout: string; stderr: string }> =>
  new Promise((resolve) => {
    const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', STATE_DIR: dir };
    execFile('npm', args, { cwd: ROOT, env, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: unknown }).code ?? 1) : 0, stdout, stderr });
    });
  });

describe('npm run audit (a real process)', () => {
  it('when export runs with npm run --silent, then stdout is exactly the CSV: header first, one row per entry', async () => {
    const { code, stdout } = await npm(['run', '--silent', 'audit', '--', 'export', '--format', 'csv']);
    expect(code).toBe(0);
    const rows = stdout.split('\r\n');
    expect(rows[0]).toBe(HEADER);
    expect(rows.slice(1, -1).map((r) => r.split(',')[0])).toEqual(['1', '2', '3']);
  });

  it('when export writes --out FILE under plain npm run, then the file holds the CSV and npm banner stays on the terminal', async () => {
    const out = join(dir, 'audit.csv');
    const { code, stdout, stderr } = await npm(['run', 'audit', '--', 'export', '--format', 'csv', '--out', out]);
    expect(code).toBe(0);
    expect(readFileSync(out, 'utf8').split('\r\n')[0]).toBe(HEADER);
    expect(stdout).toContain('> verdict');
    expect(stderr).toMatch(/exported 3 of 3 entries to .*audit\.csv; chain intact/);
  });

  it('when export goes to stdout under plain npm run, then a warning says the banner is in the output and how to avoid it', async () => {
    const { stdout, stderr } = await npm(['run', 'audit', '--', 'export', '--format', 'csv']);
    expect(stdout.indexOf('> verdict')).toBeLessThan(stdout.indexOf(HEADER));
    expect(stderr).toMatch(/npm printed its .* banner .* use --out <file>, or npm run --silent audit/);
  });

  it('when the last entry was cut off, then verify exits 1 saying 1 entry is missing from the end', async () => {
    const path = join(dir, 'audit.jsonl');
    const lines = readFileSync(path, 'utf8').split('\n');
    truncateSync(path, Buffer.byteLength(lines.slice(0, 2).join('\n') + '\n'));
    const { code, stdout } = await npm(['run', '--silent', 'audit', '--', 'verify']);
    expect(code).toBe(1);
    expect(stdout).toMatch(/^BROKEN: 1 entry missing from the end: the head record .*audit\.head\.json records seq 3, the journal ends at seq 2$/m);
  });
});
