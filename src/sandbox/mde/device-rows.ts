import type { MdeMachineEntity } from '../demo-machines';
import type { MdeCatalogue } from './catalogue';
import type { HuntingOutcome } from './hunting-engine';
import type { DeviceTable, Stage, WhereClause } from './device-query-parser';

type Row = Map<string, string>;

/** DeviceInfo's columns the sandbox fills (names as in the advanced hunting schema). */
const DEVICE_INFO = ['Timestamp', 'DeviceId', 'DeviceName', 'OSPlatform', 'MachineGroup', 'ExposureLevel', 'SensorHealthState'];
const FILE_EVENTS = ['Timestamp', 'DeviceId', 'DeviceName', 'FileName', 'SHA1', 'SHA256'];
const MAX_ROWS = 100_000;

const deviceInfo = (m: MdeMachineEntity): Row =>
  new Map([
    ['Timestamp', m.lastSeen],
    ['DeviceId', m.id],
    ['DeviceName', m.computerDnsName],
    ['OSPlatform', m.osPlatform],
    ['MachineGroup', m.rbacGroupName ?? ''],
    ['ExposureLevel', m.exposureLevel ?? ''],
    ['SensorHealthState', m.healthStatus],
  ]);

function test(actual: string, clause: WhereClause): boolean {
  const a = actual.toLowerCase();
  const v = (clause.values[0] ?? '').toLowerCase();
  switch (clause.op) {
    case '==':
      return actual === clause.values[0];
    case '=~':
      return a === v;
    case '!=':
      return actual !== clause.values[0];
    case 'contains':
    case 'has':
      return a.includes(v);
    case 'startswith':
      return a.startsWith(v);
    case 'endswith':
      return a.endsWith(v);
    case 'in':
      return clause.values.includes(actual);
    default:
      return clause.values.some((x) => x.toLowerCase() === a);
  }
}

/** DeviceFileEvents rows for the file a `SHA1 ==` / `SHA256 ==` clause names (the sandbox needs one). */
function fileEvents(catalogue: MdeCatalogue, stages: readonly Stage[]): Row[] | string {
  const wanted = stages.flatMap((s) => (s.kind === 'where' ? s.anyOf.flat() : [])).find((c) => (c.column === 'SHA1' || c.column === 'SHA256') && (c.op === '==' || c.op === '=~'));
  if (!wanted) return 'Semantic error: the sandbox answers DeviceFileEvents only with a `where SHA1 == "…"` (or SHA256) condition';
  const file = catalogue.file(wanted.values[0] ?? '');
  if (!file) return [];
  return catalogue.fileMachines(file.sha1).map(
    (m) => new Map([['Timestamp', file.globalLastObserved], ['DeviceId', m.id], ['DeviceName', m.computerDnsName], ['FileName', file.fileProductName ?? ''], ['SHA1', file.sha1], ['SHA256', file.sha256]]),
  );
}

/** KQL's `summarize arg_max(Timestamp, columns) by keys`: per key, the latest row; keys first, then Timestamp and the columns. */
function argMax(rows: readonly Row[], stage: Extract<Stage, { kind: 'arg-max' }>): { rows: Row[]; columns: string[] } {
  const columns = [...stage.by, ...[stage.of, ...stage.columns].filter((c, i, all) => !stage.by.includes(c) && all.indexOf(c) === i)];
  const latest = new Map<string, Row>();
  for (const row of rows) {
    const key = JSON.stringify(stage.by.map((c) => row.get(c) ?? ''));
    const held = latest.get(key);
    if (!held || Date.parse(row.get(stage.of) ?? '') > Date.parse(held.get(stage.of) ?? '')) latest.set(key, row);
  }
  return { rows: [...latest.values()].map((r) => new Map(columns.map((c) => [c, r.get(c) ?? '']))), columns };
}

/** Runs a parsed device query over the catalogue's devices; an unknown column is a KQL-like semantic error. */
export function deviceQueryRows(catalogue: MdeCatalogue, table: DeviceTable, stages: readonly Stage[]): HuntingOutcome {
  let columns = table === 'DeviceInfo' ? DEVICE_INFO : FILE_EVENTS;
  const start = table === 'DeviceInfo' ? catalogue.machines().map(deviceInfo) : fileEvents(catalogue, stages);
  if (typeof start === 'string') return { ok: false, message: start };
  let rows = start;
  for (const stage of stages) {
    const named =
      stage.kind === 'where' ? stage.anyOf.flat().map((c) => c.column) : stage.kind === 'take' ? [] : stage.kind === 'arg-max' ? [stage.of, ...stage.columns, ...stage.by] : stage.columns;
    const unknown = named.find((c) => !columns.includes(c));
    if (unknown) return { ok: false, message: `Semantic error: Failed to resolve scalar expression named '${unknown}'` };
    if (stage.kind === 'where') rows = rows.filter((r) => stage.anyOf.some((all) => all.every((c) => test(r.get(c.column) ?? '', c))));
    else if (stage.kind === 'take') rows = rows.slice(0, stage.count);
    else if (stage.kind === 'arg-max') {
      if (stage.of !== 'Timestamp') return { ok: false, message: `Semantic error: the sandbox takes arg_max of Timestamp only, not '${stage.of}'` };
      ({ rows, columns } = argMax(rows, stage));
    }
    else {
      columns = stage.columns;
      const picked = rows.map((r) => new Map(stage.columns.map((c) => [c, r.get(c) ?? ''])));
      const seen = new Set<string>();
      rows = stage.kind === 'project' ? picked : picked.filter((r) => !seen.has(JSON.stringify([...r.values()])) && Boolean(seen.add(JSON.stringify([...r.values()]))));
    }
  }
  const schema = columns.map((Name) => ({ Name, Type: Name === 'Timestamp' ? 'DateTime' : 'String' }));
  return { ok: true, answer: { schema, rows: rows.slice(0, MAX_ROWS).map((r) => Object.fromEntries(columns.map((c) => [c, r.get(c) ?? null]))) } };
}
