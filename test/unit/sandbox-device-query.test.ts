import { createCatalogue } from '../../src/sandbox/mde/catalogue';
import { demoCatalogue } from '../../src/sandbox/demo-catalogue';
import { runHuntingQuery } from '../../src/sandbox/mde/hunting-engine';
import { parseDeviceQuery } from '../../src/sandbox/mde/device-query-parser';
import { syntheticMachineName, syntheticMachines } from '../../src/sandbox/synthetic-machines';

const fleet = syntheticMachines();
const data = demoCatalogue();

/** The demo tenant plus a re-onboarded fleet-0001: a second DeviceId under the same name, seen later. */
const reonboarded = { ...(fleet[0] as (typeof fleet)[number]), id: 'f'.repeat(40), lastSeen: '2025-12-01T06:00:00Z' };
const catalogue = createCatalogue({ ...data, machines: [...data.machines, reonboarded] });

const rows = (query: string) => {
  const got = runHuntingQuery(catalogue, query);
  if (!got.ok) throw new Error(got.message);
  return got.answer;
};

describe('sandbox device queries: or and summarize arg_max', () => {
  it('when conditions are joined by or, then a row matching either group passes (and binds looser than and)', () => {
    const answer = rows(`DeviceInfo | where DeviceName =~ "${syntheticMachineName(2).toUpperCase()}" or DeviceId == "${fleet[4]?.id}" and OSPlatform == "nothing" | project DeviceName`);
    expect(answer.rows).toEqual([{ DeviceName: syntheticMachineName(2) }]);
  });

  it('when " or " and " and " are inside a quoted value, then they are part of the value', () => {
    expect(parseDeviceQuery('DeviceInfo | where DeviceName == "a or b and c"')).toEqual({
      ok: true,
      table: 'DeviceInfo',
      stages: [{ kind: 'where', anyOf: [[{ column: 'DeviceName', op: '==', values: ['a or b and c'] }]] }],
    });
  });

  it('when summarized with arg_max(Timestamp, DeviceName) by DeviceId, then each DeviceId is one row: by-column, Timestamp, DeviceName', () => {
    const answer = rows(`DeviceInfo\n| where DeviceName in~ ("${syntheticMachineName(1)}", "${syntheticMachineName(3)}") or DeviceId in~ ("${fleet[9]?.id}")\n| summarize arg_max(Timestamp, DeviceName) by DeviceId`);
    expect(answer.schema.map((c) => c.Name)).toEqual(['DeviceId', 'Timestamp', 'DeviceName']);
    expect(answer.rows).toEqual(
      expect.arrayContaining([
        { DeviceId: fleet[0]?.id, Timestamp: fleet[0]?.lastSeen, DeviceName: syntheticMachineName(1) },
        { DeviceId: reonboarded.id, Timestamp: reonboarded.lastSeen, DeviceName: syntheticMachineName(1) },
        { DeviceId: fleet[2]?.id, Timestamp: fleet[2]?.lastSeen, DeviceName: syntheticMachineName(3) },
        { DeviceId: fleet[9]?.id, Timestamp: fleet[9]?.lastSeen, DeviceName: syntheticMachineName(10) },
      ]),
    );
    expect(answer.rows).toHaveLength(4);
  });

  it('when summarized by the name, then the latest row per name wins', () => {
    const answer = rows(`DeviceInfo | where DeviceName == "${syntheticMachineName(1)}" | summarize arg_max(Timestamp, DeviceId) by DeviceName`);
    expect(answer.rows).toEqual([{ DeviceName: syntheticMachineName(1), Timestamp: reonboarded.lastSeen, DeviceId: reonboarded.id }]);
  });

  it.each([
    ['another aggregation', 'DeviceInfo | summarize count() by DeviceId', 'summarizes only with'],
    ['arg_max of another column', 'DeviceInfo | summarize arg_max(DeviceName, DeviceId) by OSPlatform', 'arg_max of Timestamp only'],
    ['an unknown column', 'DeviceInfo | summarize arg_max(Timestamp, Nope) by DeviceId', "named 'Nope'"],
  ])('when the summarize has %s, then it is refused like a KQL error', (_, query, message) => {
    const got = runHuntingQuery(catalogue, query);
    expect(got.ok).toBe(false);
    expect(!got.ok && got.message).toContain(message);
  });
});
