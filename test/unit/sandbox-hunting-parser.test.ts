import { buildFileProfileQueries } from '../../src/mde/hunting-query';
import { parseProfileQuery } from '../../src/sandbox/mde/hunting-query-parser';

const A1 = 'a'.repeat(40);
const B256 = 'b'.repeat(64);

describe('sandbox hunting query parser', () => {
  it("when given each query the client's builder emits, then it reads back the same column, hashes and limit", () => {
    const hashes = [A1, B256, ...Array.from({ length: 1_200 }, (_, i) => i.toString(16).padStart(40, 'f'))];
    for (const q of buildFileProfileQueries(hashes)) {
      expect(parseProfileQuery(q.query)).toEqual({ ok: true, query: { idColumn: q.idColumn, values: q.hashes, limit: q.hashes.length } });
    }
  });

  it('when the query has other spacing or line breaks around the tokens, then it still parses', () => {
    const outcome = parseProfileQuery(`datatable( SHA256 : string ) [ "${B256}" ]\n| invoke FileProfile( "SHA256" , 10 )`);
    expect(outcome).toEqual({ ok: true, query: { idColumn: 'SHA256', values: [B256], limit: 10 } });
  });

  it.each([
    ['another table', 'DeviceFileEvents | take 10'],
    ['a second statement', `datatable(SHA1:string)["${A1}"] | invoke FileProfile("SHA1", 1); DeviceInfo | take 1`],
    ['a stage after FileProfile', `datatable(SHA1:string)["${A1}"] | invoke FileProfile("SHA1", 1) | where GlobalPrevalence < 15`],
    ['an escaped quote in a value', `datatable(SHA1:string)["a\\"b"] | invoke FileProfile("SHA1", 1)`],
    ['a value breaking out of the list', `datatable(SHA1:string)["${A1}"] | take 1 | union (datatable(SHA1:string)["x"]) | invoke FileProfile("SHA1", 1)`],
    ['an unquoted value', `datatable(SHA1:string)[${A1}] | invoke FileProfile("SHA1", 1)`],
    ['MD5 as the column', `datatable(MD5:string)["${A1}"] | invoke FileProfile("MD5", 1)`],
  ])('when the query is %s, then it is refused as a syntax error', (_label, text) => {
    expect(parseProfileQuery(text)).toEqual({ ok: false, message: expect.stringMatching(/^Syntax error/) });
  });

  it.each([
    ['columns that disagree', `datatable(SHA1:string)["${A1}"] | invoke FileProfile("SHA256", 1)`, /needs a SHA256 column/],
    ['a limit of 0', `datatable(SHA1:string)["${A1}"] | invoke FileProfile("SHA1", 0)`, /between 1 and 1000/],
    ['a limit of 1001', `datatable(SHA1:string)["${A1}"] | invoke FileProfile("SHA1", 1001)`, /between 1 and 1000/],
  ])('when the query has %s, then it is refused naming the problem', (_label, text, message) => {
    expect(parseProfileQuery(text)).toEqual({ ok: false, message: expect.stringMatching(message) });
  });
});
