import type { MdeCatalogue } from './catalogue';

/** The mapping query's columns, in its `project` order, with advanced hunting's type names. */
export const MD5_MAPPING_SCHEMA: readonly { Name: string; Type: string }[] = Object.freeze([
  { Name: 'MD5', Type: 'String' },
  { Name: 'SHA1', Type: 'String' },
  { Name: 'SHA256', Type: 'String' },
  { Name: 'Devices', Type: 'Int64' },
  { Name: 'DeviceNames', Type: 'Dynamic' },
  { Name: 'SeenIn', Type: 'Dynamic' },
  { Name: 'LastSeen', Type: 'DateTime' },
]);

/**
 * One row per asked MD5 that a demo file has and that some demo device saw (its alerts' devices
 * and sightings, as GET /api/files/{sha1}/machines lists them); no row for any other MD5, as
 * hunting gives none. Executables are seen running too, other files only written to disk.
 * Dynamic columns come back as JSON text, as hunting sends them.
 */
export function md5MappingRows(catalogue: MdeCatalogue, md5s: readonly string[], maxNames: number): Record<string, unknown>[] {
  const rows: Record<string, unknown>[] = [];
  for (const md5 of new Set(md5s)) {
    const file = catalogue.fileByMd5(md5);
    if (!file) continue;
    const devices = catalogue.fileMachines(file.sha1);
    if (devices.length === 0) continue;
    rows.push({
      MD5: md5,
      SHA1: file.sha1,
      SHA256: file.sha256,
      Devices: devices.length,
      DeviceNames: JSON.stringify(devices.slice(0, maxNames).map((d) => d.computerDnsName)),
      SeenIn: JSON.stringify(file.isPeFile ? ['DeviceFileEvents', 'DeviceProcessEvents'] : ['DeviceFileEvents']),
      LastSeen: catalogue.fileStats(file.sha1)?.orgLastSeen ?? null,
    });
  }
  return rows;
}
