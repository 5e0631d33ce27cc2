import { parseDeviceCsv, looksLikeDeviceCsv } from '../../src/devices/parse-device-csv';
import { parseDeviceList } from '../../src/devices/parse-device-list';
import { MAX_INPUT_CHARS } from '../../src/devices/limits';

const ID = 'a'.repeat(40);
const ID2 = '0123456789abcdef0123456789abcdef01234567';

describe('pasted device lists', () => {
  it('when names and ids are separated by commas, spaces, semicolons and new lines, then each is read once in order', () => {
    const got = parseDeviceList(`laptop-12.verdict-demo.example, ${ID.toUpperCase()}\nbuild-server-02;ws-1   ${ID2}`);
    expect(got).toEqual({
      ok: true,
      list: {
        keys: [
          { kind: 'name', value: 'laptop-12.verdict-demo.example' },
          { kind: 'id', value: ID },
          { kind: 'name', value: 'build-server-02' },
          { kind: 'name', value: 'ws-1' },
          { kind: 'id', value: ID2 },
        ],
        duplicates: [],
        invalid: [],
      },
    });
  });

  it('when an entry repeats in another case, then it is dropped and reported as a duplicate', () => {
    const got = parseDeviceList(`ws-1 WS-1 ${ID} ${ID.toUpperCase()}`);
    expect(got.ok && got.list.keys).toHaveLength(2);
    expect(got.ok && got.list.duplicates).toEqual(['WS-1', ID.toUpperCase()]);
  });

  it('when entries are `constructor`, `__proto__` and `toString`, then they are plain computer names', () => {
    const got = parseDeviceList('constructor __proto__ toString __proto__');
    expect(got.ok && got.list.keys.map((k) => k.value)).toEqual(['constructor', '__proto__', 'tostring']);
    expect(got.ok && got.list.duplicates).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('when entries are neither ids nor names, then they are listed as invalid (clipped), never guessed', () => {
    const got = parseDeviceList(`ws-1 <script>alert(1)</script> a..b .lead ${'x'.repeat(300)} "quoted"`);
    expect(got.ok && got.list.keys).toEqual([{ kind: 'name', value: 'ws-1' }]);
    expect(got.ok && got.list.invalid).toEqual(['<script>alert(1)</script>', 'a..b', '.lead', 'x'.repeat(80), '"quoted"']);
  });

  it('when the text is empty or only separators, then it is refused as empty', () => {
    expect(parseDeviceList(' ,;\n ')).toEqual({ ok: false, reason: 'empty' });
  });

  it('when the text is longer than the limit, then it is refused before it is read', () => {
    expect(parseDeviceList('a '.repeat(MAX_INPUT_CHARS))).toEqual({ ok: false, reason: 'too-long', chars: MAX_INPUT_CHARS * 2 });
  });

  it('when 5,000 entries are pasted, then all are read (the count is refused later, with the number)', () => {
    const got = parseDeviceList(Array.from({ length: 5000 }, (_, i) => `ws-${i}`).join('\n'));
    expect(got.ok && got.list.keys).toHaveLength(5000);
  });
});

describe('pasted device CSV', () => {
  it('when the CSV has a BOM, CRLF, quoted fields with commas and "" escapes, then the Name column is read', () => {
    const csv = '\uFEFFName,Owner,Note\r\nws-1,"Doe, Jane","says ""hi"""\r\n"ws-2",x,y\r\n';
    expect(parseDeviceCsv(csv)).toEqual({ ok: true, csv: { column: 'Name', keys: [{ kind: 'name', value: 'ws-1' }, { kind: 'name', value: 'ws-2' }], duplicates: [], badRows: [] } });
  });

  it('when a quoted field spans lines, then bad rows after it are reported on the line they start', () => {
    const csv = `DeviceId,Comment\n${ID},"two\nlines"\nnot an id,x\n,empty\n${ID},again`;
    const got = parseDeviceCsv(csv);
    expect(got).toEqual({
      ok: true,
      csv: {
        column: 'DeviceId',
        keys: [{ kind: 'id', value: ID }],
        duplicates: [ID],
        badRows: [
          { line: 4, reason: "'not an id' is neither a device id nor a computer name" },
          { line: 5, reason: 'no value in DeviceId' },
        ],
      },
    });
  });

  it('when both DeviceId and Name columns exist, then DeviceId is used', () => {
    const got = parseDeviceCsv(`name,deviceid\nws-1,${ID}`);
    expect(got.ok && got.csv).toMatchObject({ column: 'deviceid', keys: [{ kind: 'id', value: ID }] });
  });

  it('when no column is Name or DeviceId, then it is refused naming the columns found', () => {
    expect(parseDeviceCsv('Host,Owner\nws-1,me')).toEqual({ ok: false, reason: 'no-column', header: ['Host', 'Owner'] });
  });

  it('when a quote is never closed, then it is refused with the line it opened on', () => {
    expect(parseDeviceCsv('Name\nws-1\n"ws-2\nws-3')).toEqual({ ok: false, reason: 'unclosed-quote', line: 3 });
  });

  it('when the header is `__proto__,constructor,Name`, then only the Name column is read', () => {
    const got = parseDeviceCsv('__proto__,constructor,Name\nx,y,constructor');
    expect(got.ok && got.csv.keys).toEqual([{ kind: 'name', value: 'constructor' }]);
  });

  it('when only a header is given, then it is refused as empty', () => {
    expect(parseDeviceCsv('Name\r\n')).toEqual({ ok: false, reason: 'empty' });
  });

  it('when text starts with a header naming a device column, then it is read as CSV; a plain list is not', () => {
    expect(looksLikeDeviceCsv('\uFEFFName,Owner\nws-1,me')).toBe(true);
    expect(looksLikeDeviceCsv('ws-1, ws-2')).toBe(false);
    expect(looksLikeDeviceCsv('Name\nws-1')).toBe(false);
  });

  it('when several lines have the same number of commas, then it is read as a CSV even without a device header', () => {
    expect(looksLikeDeviceCsv('Host,Owner\nws-1,"Doe, Jane"\nws-2,me')).toBe(true);
    expect(looksLikeDeviceCsv('ws-1, ws-2\nws-3')).toBe(false);
  });

  it('when the CSV is longer than the limit, then it is refused before it is read', () => {
    expect(parseDeviceCsv(`Name\n${'w\n'.repeat(MAX_INPUT_CHARS)}`)).toMatchObject({ ok: false, reason: 'too-long' });
  });
});
