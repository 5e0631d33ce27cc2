import { REALISTIC_LATENCY, type LatencyModel } from '../src/sandbox/latency-model';

/** One row of the goals table (issue 12): what was measured, what it is held against, and whether it passed. */
export interface Goal {
  scenario: string;
  goal: string;
  measured: string;
  pass: boolean;
}

/** Hunting calls in sandbox stats, whichever endpoint served them (MDE's advanced queries or Graph's runHuntingQuery). */
export function huntingCallsOf(byFamily: Readonly<Record<string, number>>): number {
  return Object.entries(byFamily).filter(([family]) => /hunt/i.test(family)).reduce((n, [, calls]) => n + calls, 0);
}

/** Every MDE/Graph API call but the token endpoint's. */
export function mdeCallsOf(byFamily: Readonly<Record<string, number>>): number {
  return Object.values(byFamily).reduce((n, calls) => n + calls, 0);
}

/**
 * "One hunting round trip" as the goals use it: the slowest answer the latency model gives a
 * hunting call (real ms; 2 + 3 s = 5 s in the realistic model), so "≤ 2 round trips" is ≈ 10 s.
 */
export function huntingRoundTripMs(model: LatencyModel = REALISTIC_LATENCY): number {
  const hunting = Object.entries(model).filter(([family]) => /hunt/i.test(family));
  return Math.max(0, ...hunting.map(([, l]) => l.baseMs + (l.jitterMs ?? 0)));
}

const MARK = (pass: boolean) => (pass ? 'PASS' : 'FAIL');

/** The goals as a plain-text table, with PASS/FAIL first so a failure stands out. */
export function formatGoals(goals: readonly Goal[]): string {
  const rows = goals.map((g) => [MARK(g.pass), g.scenario, g.goal, g.measured]);
  const all = [['', 'scenario', 'goal', 'measured'], ...rows];
  const widths = [0, 1, 2, 3].map((c) => Math.max(...all.map((r) => (r[c] as string).length)));
  const line = (r: string[]) => r.map((cell, c) => cell.padEnd(widths[c] as number)).join(' | ').trimEnd();
  return [line(all[0] as string[]), widths.map((w) => '-'.repeat(w)).join('-+-'), ...rows.map(line)].join('\n');
}

/** `value ≤ limit`, written out: "6.1 s ≤ 6.0 s". */
export function atMost(value: number, limit: number, format: (n: number) => string): { text: string; pass: boolean } {
  const pass = value <= limit;
  return { text: `${format(value)} ${pass ? '≤' : '>'} ${format(limit)}`, pass };
}
