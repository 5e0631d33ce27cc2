import { md5MappingQuery } from '../../src/mde/md5-query';
import { parseMd5Query } from '../../src/sandbox/mde/md5-query-parser';

const A = 'a'.repeat(32);
const B = '0123456789abcdef0123456789abcdef';

describe('the MD5 mapping query', () => {
  it('when built, then it unions the three device event tables over 30 days and projects only hashes and where they were seen', () => {
    expect(md5MappingQuery([A, B])).toBe(
      'union withsource=SourceTable DeviceFileEvents, DeviceProcessEvents, DeviceImageLoadEvents' +
        ` | where Timestamp > ago(30d) and MD5 in~ ("${A}","${B}")` +
        ' | summarize Devices = dcount(DeviceId), DeviceNames = make_set(DeviceName, 5), SeenIn = make_set(SourceTable), LastSeen = max(Timestamp) by MD5, SHA1, SHA256' +
        ' | project MD5, SHA1, SHA256, Devices, DeviceNames, SeenIn, LastSeen',
    );
  });

  it.each([[A.toUpperCase()], ['a'.repeat(40)], [`${A.slice(0, 30)}")`], ['']])('when given %j, then it refuses to build a query', (bad) => {
    expect(() => md5MappingQuery([A, bad])).toThrow(/not a lower-case MD5/);
  });

  it('when given no values or more than 1,000, then it refuses', () => {
    expect(() => md5MappingQuery([])).toThrow();
    expect(() => md5MappingQuery(Array(1_001).fill(A))).toThrow();
  });

  it('when the sandbox parses what the client builds, then it gets the values back; anything added is not the query', () => {
    expect(parseMd5Query(md5MappingQuery([A, B]))).toEqual({ ok: true, md5s: [A, B], maxNames: 5 });
    expect(parseMd5Query(`${md5MappingQuery([A])} | take 1`)).toEqual({ ok: false });
    expect(parseMd5Query(md5MappingQuery([A]).replace(`"${A}"`, `"${A}" or 1==1`))).toEqual({ ok: false });
  });
});
