/**
 * The MD5 mapping query Verdict sends (src/mde/md5-query.ts), parsed strictly: exactly that text
 * with a list of double-quoted hex values of any length (the engine answers only real MD5s).
 * Anything else, including an extra stage, is not this query.
 */
const SHAPE = new RegExp(
  [
    '^\\s*union withsource=SourceTable DeviceFileEvents, DeviceProcessEvents, DeviceImageLoadEvents',
    'where Timestamp > ago\\(30d\\) and MD5 in~ \\(([^)]*)\\)',
    'summarize Devices = dcount\\(DeviceId\\), DeviceNames = make_set\\(DeviceName, (\\d{1,3})\\), SeenIn = make_set\\(SourceTable\\), LastSeen = max\\(Timestamp\\) by MD5, SHA1, SHA256',
    'project MD5, SHA1, SHA256, Devices, DeviceNames, SeenIn, LastSeen\\s*$',
  ].join(' \\| '),
);
const VALUE = /^"([0-9A-Za-z]{1,64})"$/;

export type Md5QueryParse = { ok: true; md5s: string[]; maxNames: number } | { ok: false };

export function parseMd5Query(text: string): Md5QueryParse {
  const m = SHAPE.exec(text);
  if (!m) return { ok: false };
  const md5s: string[] = [];
  for (const item of (m[1] ?? '').split(',')) {
    const v = VALUE.exec(item.trim());
    if (!v) return { ok: false };
    md5s.push((v[1] ?? '').toLowerCase());
  }
  return { ok: true, md5s, maxNames: Number(m[2]) };
}
