/**
 * The advanced-hunting query that maps MD5s to the SHA-1/SHA-256 of files seen in the org:
 *
 *   union withsource=SourceTable DeviceFileEvents, DeviceProcessEvents, DeviceImageLoadEvents
 *   | where Timestamp > ago(30d) and MD5 in~ ("<md5>",…)
 *   | summarize Devices = dcount(DeviceId), DeviceNames = make_set(DeviceName, 5),
 *       SeenIn = make_set(SourceTable), LastSeen = max(Timestamp) by MD5, SHA1, SHA256
 *   | project MD5, SHA1, SHA256, Devices, DeviceNames, SeenIn, LastSeen
 *
 * (one line). FileProfile() cannot take an MD5 (reference §5), but these tables carry MD5 next to
 * SHA-1 and SHA-256. Only the hash columns and where the file was seen come back: never a path,
 * a command line or an account. Values come from chat, so each is re-checked here as lower-case
 * 32-hex (a whitelist, not escaping), or the builder throws.
 */
export const MD5_LOOKBACK_DAYS = 30;
/** Values per query: the `in~` list stays a small fraction of Graph's body and row limits. */
export const MAX_MD5S_PER_QUERY = 1_000;
/** How many device names a row carries, as examples of where the file was seen. */
export const MD5_DEVICE_NAMES = 5;

const MD5 = /^[0-9a-f]{32}$/;

export function md5MappingQuery(md5s: readonly string[]): string {
  if (md5s.length === 0 || md5s.length > MAX_MD5S_PER_QUERY) throw new Error(`MD5 query: 1–${MAX_MD5S_PER_QUERY} values per query, got ${md5s.length}`);
  for (const md5 of md5s) {
    if (!MD5.test(md5)) throw new Error('MD5 query: refusing a value that is not a lower-case MD5');
  }
  const values = md5s.map((m) => `"${m}"`).join(',');
  return [
    'union withsource=SourceTable DeviceFileEvents, DeviceProcessEvents, DeviceImageLoadEvents',
    `where Timestamp > ago(${MD5_LOOKBACK_DAYS}d) and MD5 in~ (${values})`,
    `summarize Devices = dcount(DeviceId), DeviceNames = make_set(DeviceName, ${MD5_DEVICE_NAMES}), SeenIn = make_set(SourceTable), LastSeen = max(Timestamp) by MD5, SHA1, SHA256`,
    'project MD5, SHA1, SHA256, Devices, DeviceNames, SeenIn, LastSeen',
  ].join(' | ');
}
