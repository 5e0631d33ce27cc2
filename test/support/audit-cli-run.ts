import { runAuditCli } from '../../src/cli/audit';

/** The audit CLI run in-process against the state directory `dir`: exit code and what it wrote. */
export async function runAuditCliIn(dir: string, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runAuditCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t), env: { STATE_DIR: dir } });
  return { code, out: out.join(''), err: err.join('') };
}
