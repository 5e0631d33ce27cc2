import { inflateRawSync } from 'node:zlib';
import { crc32, createZip } from '../../src/cli/zip';

/** Walks the local file headers front to back (what a streaming unzip does). */
function localEntries(zip: Buffer): { name: string; method: number; flags: number; date: number; data: Buffer }[] {
  const entries = [];
  for (let at = 0; zip.readUInt32LE(at) === 0x04034b50; ) {
    const flags = zip.readUInt16LE(at + 6);
    const method = zip.readUInt16LE(at + 8);
    const date = zip.readUInt16LE(at + 12);
    const compressed = zip.readUInt32LE(at + 18);
    const nameLength = zip.readUInt16LE(at + 26);
    const start = at + 30 + nameLength + zip.readUInt16LE(at + 28);
    const raw = zip.subarray(start, start + compressed);
    entries.push({ name: zip.toString('utf8', at + 30, at + 30 + nameLength), method, flags, date, data: method === 8 ? inflateRawSync(raw) : Buffer.from(raw) });
    at = start + compressed;
  }
  return entries;
}

describe('createZip', () => {
  it('when computing CRC-32, then it matches the standard check value', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
    expect(crc32(Buffer.alloc(0))).toBe(0);
  });

  it('when an entry compresses, then it is deflated; when it does not, then it is stored', () => {
    const text = Buffer.from('verdict '.repeat(200));
    const noise = Buffer.from(Array.from({ length: 64 }, (_, i) => (i * 197 + 13) % 256));
    const entries = localEntries(createZip([{ name: 'a.txt', data: text }, { name: 'b.bin', data: noise }]));
    expect(entries.map((e) => [e.name, e.method])).toEqual([['a.txt', 8], ['b.bin', 0]]);
    expect(entries[0]!.data.equals(text)).toBe(true);
    expect(entries[1]!.data.equals(noise)).toBe(true);
  });

  it('when written, then the end record counts the entries and names are flagged UTF-8 with the 1980-01-01 date', () => {
    const zip = createZip([{ name: 'ü.json', data: Buffer.from('{}') }]);
    expect(zip.readUInt32LE(zip.length - 22)).toBe(0x06054b50);
    expect(zip.readUInt16LE(zip.length - 12)).toBe(1);
    const [entry] = localEntries(zip);
    expect(entry).toMatchObject({ name: 'ü.json', flags: 0x0800, date: 0x21 });
  });

  it('when there are no entries, then it is a valid empty archive', () => {
    expect(createZip([])).toEqual(Buffer.from([0x50, 0x4b, 0x05, 0x06, ...new Array(18).fill(0)]));
  });

  it.each([['/etc/passwd'], ['../up.txt'], ['a\\b.txt'], ['']])('when an entry is named %j, then it is refused', (name) => {
    expect(() => createZip([{ name, data: Buffer.alloc(1) }])).toThrow(/unsafe entry name/);
  });

  it('when two entries share a name, then it is refused', () => {
    expect(() => createZip([{ name: 'x', data: Buffer.alloc(1) }, { name: 'x', data: Buffer.alloc(1) }])).toThrow(/duplicate entry x/);
  });
});
