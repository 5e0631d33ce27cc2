import { deviceKeyOf, type DeviceKey } from '../../src/devices/device-keys';
import { HUNT_ABOVE } from '../../src/devices/limits';
import { devicesFromText } from '../../src/devices/pasted-source';
import type { DeviceHunt } from '../../src/devices/ports';
import { resolveKeys } from '../../src/devices/resolve-devices';
import { MdeError } from '../../src/mde/errors';
import { fakeLookup, id } from './devices-lookup-fake';

const host = (n: number) => `ws-${n}.corp.example`;
const keysOf = (entries: string[]) => entries.map((e) => deviceKeyOf(e) as DeviceKey);
const names = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => host(from + i));

/** Defender knows ws-1…ws-`known`; hunting (30 days) only those up to `hunted`. Every call is recorded. */
function fakes(known: number, hunted: number, options: { extraRows?: Record<string, unknown>[]; huntError?: unknown } = {}) {
  const { lookup, calls } = fakeLookup(known);
  const hunt: DeviceHunt = async (query) => {
    calls.push('hunt');
    if (options.huntError) throw options.huntError;
    const asked = new Set([...query.matchAll(/"([^"]+)"/g)].map((m) => m[1]));
    const rows = Array.from({ length: hunted }, (_, i) => ({ DeviceId: id(i + 1), DeviceName: host(i + 1), Timestamp: '2026-11-30T00:00:00Z', OSPlatform: 'not kept' }));
    return [...rows, ...(options.extraRows ?? [])].filter((r) => asked.has(String(r.DeviceName)) || asked.has(String(r.DeviceId)));
  };
  return { lookup, hunt, calls };
}

const count = (calls: string[], prefix: string) => calls.filter((c) => c.startsWith(prefix)).length;

describe('resolving many keys: one hunt, then a GET for the rest', () => {
  it('when the hunt finds some keys, then only the rest are GETs, unknown ones are the GET’s word, and details come for the first 20', async () => {
    const { lookup, hunt, calls } = fakes(90, 80);
    const entries = [...names(1, 90), host(500), id(600)];
    const got = await resolveKeys(lookup, keysOf(entries), { hunt });
    expect(got.devices.map((d) => d.id)).toEqual(Array.from({ length: 90 }, (_, i) => id(i + 1)));
    expect(got.unknown).toEqual([host(500), id(600)]);
    expect(count(calls, 'hunt')).toBe(1);
    // ws-81…ws-90 and the two unknown ones by GET, in key form; then a detail GET for the first 20 hunted ones.
    expect(calls.filter((c) => c.startsWith('name:'))).toEqual([...names(81, 90), host(500)].map((n) => `name:${n}`));
    expect(calls.filter((c) => c.startsWith('id:'))).toEqual([`id:${id(600)}`, ...Array.from({ length: 20 }, (_, i) => `id:${id(i + 1)}`)]);
    expect(got.devices[0]).toEqual({ id: id(1), name: host(1), os: 'Windows11', health: 'Active', exposure: 'Low' });
    expect(got.devices[20]).toEqual({ id: id(21), name: host(21) });
    expect(got.devices[85]).toMatchObject({ id: id(86), os: 'Windows11' });
    expect(got.notes).toEqual([]);
  });

  it('when the hunt fails, then every key is a GET and a note says why, without MDE’s own text', async () => {
    const err = new MdeError({ kind: 'forbidden', status: 403, operation: 'hunting.graph', code: 'Forbidden', mdeMessage: 'internal: tenant 1234 role map', permissions: ['ThreatHunting.Read.All'] });
    const { lookup, hunt, calls } = fakes(30, 30, { huntError: err });
    const got = await resolveKeys(lookup, keysOf(names(1, 30)), { hunt });
    expect(got.devices).toHaveLength(30);
    expect(count(calls, 'name:')).toBe(30);
    expect(count(calls, 'id:')).toBe(0);
    expect(got.notes).toEqual(['Advanced hunting is not permitted for Verdict (ThreatHunting.Read.All); looked the devices up one by one.']);
  });

  it.each([
    ['throttled past the retries', new MdeError({ kind: 'throttled', status: 429, operation: 'hunting.graph', code: 'TooManyRequests', mdeMessage: 'secret detail' })],
    ['a server error', new MdeError({ kind: 'server', status: 503, operation: 'hunting.graph', mdeMessage: 'stack at x.y' })],
    ['a bad request', new MdeError({ kind: 'bad-request', status: 400, operation: 'hunting.graph', code: 'BadRequest', mdeMessage: 'Query too long' })],
  ])('when the hunt fails with %s, then the note names the failure and none of its text', async (_, err) => {
    const { lookup, hunt } = fakes(25, 25, { huntError: err });
    const got = await resolveKeys(lookup, keysOf(names(1, 25)), { hunt });
    expect(got.devices).toHaveLength(25);
    expect(got.notes).toHaveLength(1);
    expect(got.notes[0]).toMatch(/^Advanced hunting did not answer \(.+\); looked the devices up one by one\.$/);
    expect(got.notes[0]).not.toContain(err.mdeMessage);
  });

  it('when the hunt throws something that is not an MDE failure, then it is not hidden', async () => {
    const { lookup, hunt } = fakes(25, 25, { huntError: new TypeError('bug') });
    await expect(resolveKeys(lookup, keysOf(names(1, 25)), { hunt })).rejects.toThrow('bug');
  });

  it('when a name matched two devices in hunting, then the newest is used and a note says so', async () => {
    const twin = { DeviceId: id(900), DeviceName: host(3), Timestamp: '2026-12-01T00:00:00Z' };
    const { lookup, hunt } = fakes(30, 30, { extraRows: [twin] });
    const got = await resolveKeys(lookup, keysOf(names(1, 30)), { hunt });
    expect(got.devices[2]?.id).toBe(id(900));
    expect(got.notes).toEqual([`A name matched more than one device in advanced hunting; Verdict used the device seen most recently: ${host(3)} (2 devices; used ${id(900)}).`]);
  });

  it(`when ${HUNT_ABOVE} keys or fewer are given, then there is no hunt: one GET each`, async () => {
    const { lookup, hunt, calls } = fakes(HUNT_ABOVE, HUNT_ABOVE);
    const got = await resolveKeys(lookup, keysOf(names(1, HUNT_ABOVE)), { hunt });
    expect(got.devices).toHaveLength(HUNT_ABOVE);
    expect(calls).toEqual(names(1, HUNT_ABOVE).map((n) => `name:${n}`));
  });

  it('when a name and the id of one device are both given, then the second is a duplicate, whichever way each was found', async () => {
    const { lookup, hunt } = fakes(40, 30);
    const got = await resolveKeys(lookup, keysOf([...names(1, 25), id(2), host(35), id(35)]), { hunt });
    expect(got.devices).toHaveLength(26);
    expect(got.sameDevice).toEqual([id(2), id(35)]);
  });

  it('when the GETs go, then progress counts the hunt’s finds at once and each GET after', async () => {
    const { lookup, hunt } = fakes(40, 30);
    const seen: [number, number][] = [];
    await resolveKeys(lookup, keysOf(names(1, 40)), { hunt, onProgress: (done, total) => seen.push([done, total]) });
    expect(seen[0]).toEqual([30, 40]);
    expect(seen.map(([d]) => d)).toEqual(Array.from({ length: 11 }, (_, i) => 30 + i));
  });

  it('when pasted text has more than 20 names, then the set carries the notes and onStart hears the count before any call', async () => {
    const twin = { DeviceId: id(900), DeviceName: host(3), Timestamp: '2026-12-01T00:00:00Z' };
    const { lookup, hunt, calls } = fakes(30, 30, { extraRows: [twin] });
    const started: [number, number][] = [];
    const got = await devicesFromText(lookup, names(1, 30).join('\n'), { hunt, onStart: async (n) => void started.push([n, calls.length]) });
    expect(started).toEqual([[30, 0]]);
    expect(got.ok && got.set.notes).toEqual([expect.stringContaining('matched more than one device')]);
  });
});
