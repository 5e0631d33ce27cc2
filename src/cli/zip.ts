import { deflateRawSync } from 'node:zlib';

/** One file of an archive. `name` is stored as given: forward slashes, no leading slash. */
export interface ZipEntry {
  name: string;
  data: Buffer;
}

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const STORE = 0;
const DEFLATE = 8;
/** "Version needed to extract" 2.0: deflate, the baseline every unzip understands. */
const VERSION = 20;
/** General-purpose flag bit 11: names are UTF-8. */
const UTF8_NAMES = 0x0800;
/** MS-DOS date of 1980-01-01 (the format's epoch) at 00:00: fixed so equal inputs give equal bytes. */
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
const DOS_TIME = 0;
const MAX_32 = 0xffffffff;

/**
 * A small ZIP writer (PKWARE APPNOTE: local headers, central directory, end record) for packages
 * such as the Teams app zip. Each entry is deflated unless that does not make it smaller (PNGs are
 * already compressed), then stored. No ZIP64, no directories, no encryption: a Teams package is
 * three small files, and anything outside those limits is refused rather than written wrongly.
 */
export function createZip(entries: readonly ZipEntry[]): Buffer {
  checkNames(entries);
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const deflated = deflateRawSync(entry.data, { level: 9 });
    const method = deflated.length < entry.data.length ? DEFLATE : STORE;
    const body = method === DEFLATE ? deflated : entry.data;
    const fields = { method, crc: crc32(entry.data), compressed: body.length, size: entry.data.length, nameLength: name.length };
    if (fields.size > MAX_32 || offset > MAX_32) throw new Error(`zip: ${entry.name} is too large for a non-ZIP64 archive`);

    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL_HEADER, 0);
    local.writeUInt16LE(VERSION, 4);
    writeCommon(local, 6, fields);
    locals.push(local, name, body);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(CENTRAL_HEADER, 0);
    central.writeUInt16LE(VERSION, 4); // version made by: MS-DOS attributes, spec 2.0
    central.writeUInt16LE(VERSION, 6);
    writeCommon(central, 8, fields);
    // extra and comment lengths, disk number, internal and external attributes stay 0
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);

    offset += local.length + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END_OF_CENTRAL_DIRECTORY, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

interface CommonFields {
  method: number;
  crc: number;
  compressed: number;
  size: number;
  nameLength: number;
}

/** The run of fields local and central headers share, from "flags" to "name length". */
function writeCommon(header: Buffer, at: number, f: CommonFields): void {
  header.writeUInt16LE(UTF8_NAMES, at);
  header.writeUInt16LE(f.method, at + 2);
  header.writeUInt16LE(DOS_TIME, at + 4);
  header.writeUInt16LE(DOS_DATE, at + 6);
  header.writeUInt32LE(f.crc, at + 8);
  header.writeUInt32LE(f.compressed, at + 12);
  header.writeUInt32LE(f.size, at + 16);
  header.writeUInt16LE(f.nameLength, at + 20);
}

function checkNames(entries: readonly ZipEntry[]): void {
  if (entries.length > 0xffff) throw new Error('zip: too many entries for a non-ZIP64 archive');
  const seen = new Set<string>();
  for (const { name } of entries) {
    if (!name || name.startsWith('/') || name.includes('\\') || name.split('/').includes('..')) {
      throw new Error(`zip: unsafe entry name ${JSON.stringify(name)}`);
    }
    if (seen.has(name)) throw new Error(`zip: duplicate entry ${name}`);
    seen.add(name);
  }
}

/** Constant lookup table for the reflected polynomial 0xEDB88320; computed once, never written. */
const CRC_TABLE: readonly number[] = Object.freeze(
  Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  }),
);

/** CRC-32 (IEEE 802.3, as ZIP and PNG use it). zlib.crc32 only arrived in Node 22. */
export function crc32(data: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = (CRC_TABLE[(crc ^ byte) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
