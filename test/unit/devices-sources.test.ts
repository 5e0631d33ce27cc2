import { devicesFromText } from '../../src/devices/pasted-source';
import { devicesFromQuery, DISTINCT_SUFFIX, prepareDeviceQuery } from '../../src/devices/query-source';
import { isolationStateOf } from '../../src/devices/isolation-state';
import type { DeviceAction } from '../../src/devices/ports';
import { fakeLookup, id } from './devices-lookup-fake';
import { MdeError } from '../../src/mde/errors';

describe('isolation state from machine actions', () => {
  const at = (m: number) => `2026-12-01T10:${String(m).padStart(2, '0')}:00Z`;
  it.each([
    [[], 'not-isolated'],
    [[{ id: '1', type: 'Isolate', status: 'Succeeded', creationDateTimeUtc: at(1) }], 'isolated'],
    [[{ id: '1', type: 'Isolate', status: 'Succeeded', creationDateTimeUtc: at(1) }, { id: '2', type: 'Unisolate', status: 'Succeeded', creationDateTimeUtc: at(2) }], 'not-isolated'],
    [[{ id: '1', type: 'Isolate', status: 'Succeeded', creationDateTimeUtc: at(1) }, { id: '2', type: 'Unisolate', status: 'Failed', creationDateTimeUtc: at(2) }], 'isolated'],
    [[{ id: '1', type: 'Isolate', status: 'Pending', creationDateTimeUtc: at(3) }, { id: '2', type: 'Unisolate', status: 'Succeeded', creationDateTimeUtc: at(2) }], 'isolating'],
    [[{ id: '1', type: 'Unisolate', status: 'InProgress', creationDateTimeUtc: at(3) }], 'releasing'],
  ] as [DeviceAction[], string][])('when the actions are %j, then the device is %s', (actions, state) => {
    expect(isolationStateOf(actions)).toBe(state);
  });
});

describe('devices from pasted text', () => {
  it('when names and ids are pasted, then known ones form the set with isolation states and unknown ones are listed', async () => {
    const { lookup, calls } = fakeLookup(3, [{ id: 'a', type: 'Isolate', status: 'Succeeded', machineId: id(2), creationDateTimeUtc: '2026-12-01T10:00:00Z' }]);
    const got = await devicesFromText(lookup, `ws-1 ${id(2)} ws-9 ws-1.corp.example`);
    if (!got.ok) throw new Error(got.reason);
    expect(got.set.devices.map((d) => [d.name, d.isolation])).toEqual([
      ['ws-1.corp.example', 'not-isolated'],
      ['ws-2.corp.example', 'isolated'],
    ]);
    expect(got.set.unknown).toEqual(['ws-9']);
    expect(got.set.duplicates).toEqual(['ws-1.corp.example']);
    expect(calls.filter((c) => c.startsWith('actions:'))).toHaveLength(2);
  });

  it('when more than 1,000 distinct devices are pasted, then it is refused with the count before any lookup', async () => {
    const { lookup, calls } = fakeLookup(2000);
    const got = await devicesFromText(lookup, Array.from({ length: 1001 }, (_, i) => `ws-${i + 1}`).join(','));
    expect(got).toEqual({ ok: false, reason: 'too-many', count: 1001, source: 'list' });
    expect(calls).toEqual([]);
  });

  it('when a CSV has bad rows, then the good ones are resolved and the bad ones listed by line', async () => {
    const { lookup } = fakeLookup(5);
    const got = await devicesFromText(lookup, 'Name,Owner\nws-1,a\n???,b\nws-4,c');
    expect(got.ok && got.set.devices.map((d) => d.id)).toEqual([id(1), id(4)]);
    expect(got.ok && got.set.badRows).toEqual([{ line: 3, reason: "'???' is neither a device id nor a computer name" }]);
    expect(got.ok && got.set.source).toEqual({ kind: 'csv', column: 'Name', rows: 3 });
  });

  it('when nothing pasted is a name or an id, then it is refused listing what was given', async () => {
    const got = await devicesFromText(fakeLookup(1).lookup, '??? !!!');
    expect(got).toEqual({ ok: false, reason: 'no-valid-entries', invalid: ['???', '!!!'], badRows: [] });
  });
});

describe('devices from a hunting query', () => {
  it('when the query never names DeviceId, then the distinct suffix is appended and the card is told', async () => {
    expect(prepareDeviceQuery(' DeviceInfo | take 5 ')).toEqual({ query: `DeviceInfo | take 5\n${DISTINCT_SUFFIX}`, appended: true });
    expect(prepareDeviceQuery('DeviceInfo | project DeviceId')).toEqual({ query: 'DeviceInfo | project DeviceId', appended: false });
    const asked: string[] = [];
    const got = await devicesFromQuery(async (q) => (asked.push(q), [{ DeviceName: 'ws-1.corp.example', DeviceId: id(1) }]), fakeLookup(1).lookup, 'DeviceInfo');
    expect(asked).toEqual([`DeviceInfo\n${DISTINCT_SUFFIX}`]);
    expect(got.ok && got.set.notes[0]).toContain(DISTINCT_SUFFIX);
  });

  it('when rows carry other columns, then only DeviceId and DeviceName are kept; bad ids are skipped and counted', async () => {
    const rows = [
      { DeviceId: id(1).toUpperCase(), DeviceName: 'ws-1', Secret: 'password=hunter2' },
      { DeviceId: id(1), DeviceName: 'ws-1 again' },
      { DeviceId: 'nope', DeviceName: 'x' },
      { DeviceId: id(30), DeviceName: 'gone-from-defender' },
    ];
    const got = await devicesFromQuery(async () => rows, fakeLookup(5).lookup, 'DeviceInfo | project DeviceId, DeviceName, Secret');
    if (!got.ok) throw new Error(got.reason);
    expect(got.set.devices.map((d) => [d.id, d.name])).toEqual([
      [id(1), 'ws-1.corp.example'],
      [id(30), 'gone-from-defender'],
    ]);
    expect(JSON.stringify(got.set)).not.toContain('hunter2');
    expect(got.set.notes).toEqual(['1 row without a valid DeviceId was skipped.']);
  });

  it('when MDE refuses the query, then its KQL error text comes back as a value', async () => {
    const hunt = async () => {
      throw new MdeError({ kind: 'bad-request', status: 400, operation: 'hunting.graph', code: 'BadRequest', mdeMessage: "Semantic error: Failed to resolve 'X<b>'" });
    };
    expect(await devicesFromQuery(hunt, fakeLookup(1).lookup, 'DeviceInfo | where X<b> == "1" | project DeviceId')).toEqual({ ok: false, reason: 'query-failed', message: "Semantic error: Failed to resolve 'X<b>'", code: 'BadRequest' });
  });

  it('when the result is empty, lacks DeviceId, or holds over 1,000 devices, then each is refused clearly', async () => {
    const { lookup } = fakeLookup(1);
    expect(await devicesFromQuery(async () => [], lookup, 'DeviceInfo | project DeviceId')).toEqual({ ok: false, reason: 'query-empty' });
    expect(await devicesFromQuery(async () => [{ DeviceName: 'x' }], lookup, 'DeviceInfo | project DeviceId=1')).toEqual({ ok: false, reason: 'query-without-device-id', columns: ['DeviceName'] });
    const many = Array.from({ length: 1500 }, (_, i) => ({ DeviceId: id(i + 1) }));
    expect(await devicesFromQuery(async () => many, lookup, 'DeviceInfo | project DeviceId')).toEqual({ ok: false, reason: 'too-many', count: 1500, source: 'query' });
  });

  it('when a permission is missing, then the MDE error is thrown for the card to name it', async () => {
    const hunt = async () => {
      throw new MdeError({ kind: 'forbidden', status: 403, operation: 'hunting.graph', permissions: ['ThreatHunting.Read.All'] });
    };
    await expect(devicesFromQuery(hunt, fakeLookup(1).lookup, 'DeviceInfo')).rejects.toMatchObject({ kind: 'forbidden' });
  });
});
