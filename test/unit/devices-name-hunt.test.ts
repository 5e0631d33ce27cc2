import { deviceKeyOf, type DeviceKey } from '../../src/devices/device-keys';
import { deviceKeysQuery, kqlString, readHuntedRows } from '../../src/devices/name-hunt';
import { parseDeviceQuery } from '../../src/sandbox/mde/device-query-parser';

const id = (n: number) => n.toString(16).padStart(40, '0');
const name = (value: string): DeviceKey => ({ kind: 'name', value });
const keys = (...entries: string[]) => entries.map((e) => deviceKeyOf(e) ?? name(e));

/** The where stage's values by column, read back by the sandbox's KQL subset parser (a real parser, not a regex over our own output). */
function readBack(query: string) {
  const parsed = parseDeviceQuery(query);
  if (parsed.ok !== true) throw new Error(`the query did not parse: ${JSON.stringify(parsed)}`);
  return parsed;
}

describe('the device keys query', () => {
  it('when names and ids are given, then one DeviceInfo query matches names any case or ids, and keeps the latest row per DeviceId', () => {
    const query = deviceKeysQuery(keys('ws-1.corp.example', id(7), 'LAPTOP-2'));
    expect(query).toBe(
      ['DeviceInfo', `| where DeviceName in~ ("ws-1.corp.example", "laptop-2") or DeviceId in~ ("${id(7)}")`, '| summarize arg_max(Timestamp, DeviceName) by DeviceId'].join('\n'),
    );
    expect(readBack(query ?? '').stages).toEqual([
      { kind: 'where', anyOf: [[{ column: 'DeviceName', op: 'in~', values: ['ws-1.corp.example', 'laptop-2'] }], [{ column: 'DeviceId', op: 'in~', values: [id(7)] }]] },
      { kind: 'arg-max', of: 'Timestamp', columns: ['DeviceName'], by: ['DeviceId'] },
    ]);
  });

  it('when only names are given, then there is no DeviceId condition (and no empty list)', () => {
    expect(deviceKeysQuery(keys('a', 'b'))).toContain('| where DeviceName in~ ("a", "b")\n');
    expect(deviceKeysQuery(keys('a', 'b'))).not.toContain('DeviceId in');
  });

  it.each([
    ['a quote that would close the literal', 'x") or DeviceName has "', 'x\\") or DeviceName has \\"'],
    ['a pipe and a second statement', 'x" | take 100000; DeviceLogonEvents | take 1 //', 'x\\" | take 100000; DeviceLogonEvents | take 1 //'],
    ['a backslash before the quote', 'x\\" or 1==1 or "', 'x\\\\\\" or 1==1 or \\"'],
    ['a lone trailing backslash', 'x\\', 'x\\\\'],
  ])('when a value has %s, then it is one escaped literal', (_, value, escaped) => {
    expect(kqlString(value)).toBe(`"${escaped}"`);
  });

  it('when hostile values reach the builder (bypassing validation), then each reads back as one value and nothing else joins the query', () => {
    const hostile = ['x") or DeviceName has "', 'x" | take 100000; DeviceLogonEvents | take 1 //', 'x\\" or 1==1 or "', "it's", 'x\\'];
    const query = deviceKeysQuery([...hostile.map(name), { kind: 'id', value: id(1) }]) ?? '';
    const parsed = readBack(query);
    expect(parsed.table).toBe('DeviceInfo');
    expect(parsed.stages.map((s) => s.kind)).toEqual(['where', 'arg-max']);
    const where = parsed.stages[0];
    if (where?.kind !== 'where') throw new Error('no where stage');
    expect(where.anyOf).toEqual([[{ column: 'DeviceName', op: 'in~', values: hostile }], [{ column: 'DeviceId', op: 'in~', values: [id(1)] }]]);
  });

  it('when a value has a line break, a control or a non-ASCII character, then it is left out of the query (its key goes to the GET)', () => {
    expect(kqlString('a\nb')).toBeNull();
    expect(kqlString('a\u0000b')).toBeNull();
    expect(kqlString('ws\u2011one')).toBeNull();
    expect(kqlString('')).toBeNull();
    expect(deviceKeysQuery([name('a\n| take 1'), name('ok-1')])).toContain('DeviceName in~ ("ok-1")');
    expect(deviceKeysQuery([name('a\n| take 1')])).toBeNull();
  });

  it('when an id key is not 40 hex (not from deviceKeyOf), then it is not put in the query', () => {
    expect(deviceKeysQuery([{ kind: 'id', value: 'zz" or 1==1' }])).toBeNull();
  });

  it('when real keys from deviceKeyOf are given, then every one is in the query unchanged', () => {
    const valid = keys('host_1', 'a.b-c.example', id(255));
    const query = deviceKeysQuery(valid) ?? '';
    for (const k of valid) expect(query).toContain(`"${k.value}"`);
  });
});

describe('reading the hunted rows', () => {
  const row = (n: number, deviceName: string, at: string, extra: Record<string, unknown> = {}) => ({ DeviceId: id(n).toUpperCase(), DeviceName: deviceName, Timestamp: at, ...extra });

  it('when a name matched two devices, then the one seen last is used and a note names it', () => {
    const got = readHuntedRows(keys('ws-1'), [row(1, 'WS-1', '2026-11-01T00:00:00Z'), row(2, 'ws-1', '2026-11-20T00:00:00Z')]);
    expect(got.found.get('ws-1')).toEqual({ id: id(2), name: 'ws-1', seen: Date.parse('2026-11-20T00:00:00Z') });
    expect(got.notes).toEqual([`A name matched more than one device in advanced hunting; Verdict used the device seen most recently: ws-1 (2 devices; used ${id(2)}).`]);
  });

  it('when ids and names are found, then each key maps to its device and other columns are not kept', () => {
    const got = readHuntedRows(keys('ws-1', id(3), 'ws-9'), [row(1, 'ws-1', '2026-11-01T00:00:00Z', { Secret: 'x' }), row(3, 'ws-3', '2026-11-02T00:00:00Z')]);
    expect([...got.found]).toEqual([
      ['ws-1', { id: id(1), name: 'ws-1', seen: Date.parse('2026-11-01T00:00:00Z') }],
      [id(3), { id: id(3), name: 'ws-3', seen: Date.parse('2026-11-02T00:00:00Z') }],
    ]);
    expect(got.notes).toEqual([]);
  });

  it('when a row has no valid DeviceId, then it is ignored', () => {
    const got = readHuntedRows(keys('ws-1', 'ws-2'), [{ DeviceId: 'nope', DeviceName: 'ws-1' }, { DeviceName: 'ws-2' }, { DeviceId: 42, DeviceName: 'ws-2' }]);
    expect(got.found.size).toBe(0);
  });

  it('when a DeviceId comes twice, then its latest row counts once', () => {
    const got = readHuntedRows(keys('ws-1', 'old-1'), [row(1, 'ws-1', '2026-11-05T00:00:00Z'), row(1, 'old-1', '2026-11-01T00:00:00Z')]);
    expect([...got.found.keys()]).toEqual(['ws-1']);
    expect(got.notes).toEqual([]);
  });
});
