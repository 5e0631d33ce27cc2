/** A plain-text table for the terminal: scenario, metric, value, reference. Pure. */
export interface Row {
  scenario: string;
  metric: string;
  value: string;
  reference: string;
}

const HEADERS: Row = { scenario: 'scenario', metric: 'metric', value: 'value', reference: 'reference' };
const COLUMNS = ['scenario', 'metric', 'value', 'reference'] as const;

export function formatTable(rows: readonly Row[]): string {
  const all = [HEADERS, ...rows];
  const widths = COLUMNS.map((c) => Math.max(...all.map((r) => r[c].length)));
  const line = (r: Row) => COLUMNS.map((c, i) => r[c].padEnd(widths[i] as number)).join(' | ').trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('-+-');
  // Repeat the scenario name only when it changes, so groups read as blocks.
  const shown = rows.map((r, i) => (i > 0 && rows[i - 1]?.scenario === r.scenario ? { ...r, scenario: '' } : r));
  return [line(HEADERS), rule, ...shown.map(line)].join('\n');
}

/** Milliseconds as "850 ms", "12.3 s" or "4.2 min". */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return 'n/a';
  if (ms < 1) return `${ms.toFixed(3)} ms`;
  if (ms < 1_000) return `${ms.toFixed(ms < 10 ? 2 : 0)} ms`;
  if (ms < 120_000) return `${(ms / 1_000).toFixed(1)} s`;
  return `${(ms / 60_000).toFixed(1)} min`;
}

/** A scaled wall time with its real-MDE equivalent: "6.1 s (≈ 1.0 min real)". */
export function formatScaled(scaledMs: number, timeScale: number): string {
  return `${formatMs(scaledMs)} (≈ ${formatMs(scaledMs / timeScale)} real)`;
}

/** Per-family counts as "hunting 2, files 12"; "none" when empty. */
export function formatFamilies(byFamily: Readonly<Record<string, number>>): string {
  const entries = Object.entries(byFamily).filter(([, n]) => n > 0).sort(([a], [b]) => a.localeCompare(b));
  return entries.length ? entries.map(([f, n]) => `${f} ${n}`).join(', ') : 'none';
}

export function formatBytes(bytes: number): string {
  return `${(bytes / 1_048_576).toFixed(1)} MiB`;
}
