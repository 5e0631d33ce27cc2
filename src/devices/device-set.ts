import type { CsvBadRow } from './parse-device-csv';
import type { IsolationState } from './isolation-state';

/** Where a device set came from, as the approval card and the journal tell it. */
export type DeviceSource =
  | { kind: 'list'; entries: number }
  | { kind: 'csv'; column: string; rows: number; fileName?: string }
  | { kind: 'query'; query: string; appended: boolean }
  | { kind: 'file'; sha1: string };

export interface DeviceSetEntry {
  /** 40-hex, lower-case. */
  id: string;
  /** Defender's computerDnsName (outside data: escape before showing); the id when Defender gave none. */
  name: string;
  /** Absent when not looked up (a query's devices past the first ones shown). */
  os?: string;
  health?: string;
  exposure?: string;
  isolation?: IsolationState;
}

/** A resolved set of devices, with everything the person should hear about what was not used. */
export interface DeviceSet {
  source: DeviceSource;
  devices: DeviceSetEntry[];
  /** Names or ids Defender does not know (never guessed). */
  unknown: string[];
  duplicates: string[];
  /** Entries that are neither an id nor a name. */
  invalid: string[];
  badRows: CsvBadRow[];
  /** Plain sentences, e.g. "`| distinct DeviceName, DeviceId` was added: the query had no DeviceId." */
  notes: string[];
}

/** Why no set was made: each a value the card turns into a clear message. */
export type DeviceSetRefusal =
  | { reason: 'empty' }
  | { reason: 'too-long'; chars: number }
  | { reason: 'too-many'; count: number; source: 'list' | 'csv' | 'query' }
  | { reason: 'no-column'; header: string[] }
  | { reason: 'unclosed-quote'; line: number }
  | { reason: 'no-valid-entries'; invalid: string[]; badRows: CsvBadRow[] }
  | { reason: 'query-failed'; message: string; code?: string }
  | { reason: 'query-empty' }
  | { reason: 'query-without-device-id'; columns: string[] };

export type DeviceSetOutcome = { ok: true; set: DeviceSet } | ({ ok: false } & DeviceSetRefusal);
