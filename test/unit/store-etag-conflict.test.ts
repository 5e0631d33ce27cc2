import { MemoryStorage } from 'botbuilder';
import { ETagConflictError, isETagConflict } from '../../src/store/etag-conflict';

describe('isETagConflict', () => {
  it.each([
    ['the file store error', new ETagConflictError('k'), true],
    ["BlobsStorage's message", new Error('Storage: error writing "msteams/x" due to eTag conflict.'), true],
    ['a key with quotes and newlines', new Error('Storage: error writing "a"\n"b" due to eTag conflict.'), true],
    ['another storage error', new Error('Storage: error writing "k": ECONNRESET'), false],
    ['a string, not an Error', 'Storage: error writing "k" due to eTag conflict.', false],
    ['undefined', undefined, false],
  ])('when given %s, then it answers %s', (_name, err, expected) => {
    expect(isETagConflict(err)).toBe(expected);
  });

  it("when MemoryStorage refuses a stale eTag, then its error is recognised", async () => {
    const store = new MemoryStorage();
    await store.write({ k: { v: 1 } });
    await store.write({ k: { v: 2, eTag: (await store.read(['k'])).k?.eTag } });
    const error = await store.write({ k: { v: 3, eTag: '1' } }).then(() => undefined, (e: unknown) => e);
    expect(isETagConflict(error)).toBe(true);
  });

  it('when the file store conflicts, then the error names the key and has a code', () => {
    expect(new ETagConflictError('req/7')).toMatchObject({ code: 'ETAG_CONFLICT', key: 'req/7', message: 'Storage: error writing "req/7" due to eTag conflict.' });
  });
});
