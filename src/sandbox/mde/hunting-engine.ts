import type { MdeCatalogue } from './catalogue';
import { FILE_PROFILE_SCHEMA, fileProfileRow } from './file-profile-rows';
import { parseProfileQuery } from './hunting-query-parser';
import { parseDeviceQuery } from './device-query-parser';
import { deviceQueryRows } from './device-rows';
import { parseMd5Query } from './md5-query-parser';
import { MD5_MAPPING_SCHEMA, md5MappingRows } from './md5-rows';

/** A query's answer in advanced hunting's terms; each API wraps it in its own envelope. */
export interface HuntingAnswer {
  schema: readonly { Name: string; Type: string }[];
  rows: Record<string, unknown>[];
}

export type HuntingOutcome = { ok: true; answer: HuntingAnswer } | { ok: false; message: string };

const ID_LENGTH = { SHA1: 40, SHA256: 64 } as const;

/**
 * Runs one of the queries Verdict sends, against the demo tenant; the MDE endpoint and Graph's
 * runHuntingQuery both answer through it, so they agree row for row. FileProfile is modelled as
 * documented: `Available` with the profile, `Missing` for a hash MDE does not know, `Error` for
 * the catalogue's unprofilable files, and an empty availability for an invalid id or a row past
 * the record limit. The MD5 mapping query answers from the files' MD5s and where they were seen.
 * Device queries (DeviceInfo, DeviceFileEvents) run a small KQL subset (device-query-parser.ts).
 * Anything else is a syntax error (see hunting-query-parser.ts, md5-query-parser.ts).
 */
export function runHuntingQuery(catalogue: MdeCatalogue, text: string): HuntingOutcome {
  const md5 = parseMd5Query(text);
  if (md5.ok) return { ok: true, answer: { schema: MD5_MAPPING_SCHEMA, rows: md5MappingRows(catalogue, md5.md5s, md5.maxNames) } };
  const devices = parseDeviceQuery(text);
  if (devices.ok === true) return deviceQueryRows(catalogue, devices.table, devices.stages);
  if (devices.ok === false) return devices;
  const parsed = parseProfileQuery(text);
  if (!parsed.ok) return parsed;
  const { idColumn, values, limit } = parsed.query;
  const rows = values.map((value, index) => {
    const valid = value.length === ID_LENGTH[idColumn] && /^[0-9a-f]+$/i.test(value);
    if (!valid || index >= limit) return fileProfileRow(idColumn, value, '');
    const availability = catalogue.profileAvailability(value);
    return fileProfileRow(idColumn, value, availability, availability === 'Available' ? catalogue.file(value) : undefined);
  });
  return { ok: true, answer: { schema: FILE_PROFILE_SCHEMA, rows } };
}
