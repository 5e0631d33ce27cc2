import { MemoryStorage } from 'botbuilder';
import { isETagConflictError } from '../../src/containment/etag-conflict';
import { OPEN_INDEX_KEY } from '../../src/containment/open-index';
import { createContainmentRepository, requestKey } from '../../src/containment/repository';
import { opened, OTHER_TENANT, setup, TENANT } from './containment-fakes';
import { KINDS } from '../support/stored-request';

async function stored() {
  const h = setup();
  const request = await opened(h);
  return { h, request, repo: createContainmentRepository(h.store, { kinds: KINDS }) };
}

describe('containment repository', () => {
  it('when a request is created, then it is stored under containment/<id> and listed as open', async () => {
    const { h, request, repo } = await stored();
    const raw = await h.store.read([requestKey(request.id)]);
    expect(Object.keys(raw)).toEqual([`containment/${request.id}`]);
    expect(await repo.openIds()).toEqual([request.id]);
    expect(request.revision).toBe(1);
    expect(request.eTag).toEqual(expect.any(String));
  });

  it('when read in its own tenant, then the request comes back as it was stored', async () => {
    const { request, repo } = await stored();
    expect(await repo.get(request.id, TENANT)).toEqual({ ok: true, request });
  });

  it('when read from another tenant, then it is not-found, exactly as for an unknown id', async () => {
    const { request, repo } = await stored();
    expect(await repo.get(request.id, OTHER_TENANT)).toEqual({ ok: false, reason: 'not-found' });
    expect(await repo.get('req9999999999999999999', TENANT)).toEqual({ ok: false, reason: 'not-found' });
  });

  it.each(['../../etc/passwd', 'containment-index/open', '', 'a'.repeat(65)])('when the id is %j, then it is not-found without touching the store', async (id) => {
    const read = jest.fn();
    const repo = createContainmentRepository({ read, write: jest.fn(), delete: jest.fn() }, { kinds: KINDS });
    expect(await repo.get(id, TENANT)).toEqual({ ok: false, reason: 'not-found' });
    expect(read).not.toHaveBeenCalled();
  });

  it('when an update carries the current eTag, then it is written with a new eTag and revision', async () => {
    const { request, repo } = await stored();
    const result = await repo.update({ ...request, reason: 'changed' });
    expect(result).toMatchObject({ ok: true, request: { reason: 'changed', revision: 2 } });
    expect(result.ok && result.request.eTag).not.toBe(request.eTag);
  });

  it('when an update carries a stale eTag, then it is a conflict value and the stored request is unchanged', async () => {
    const { request, repo } = await stored();
    await repo.update({ ...request, reason: 'first' });
    expect(await repo.update({ ...request, reason: 'second' })).toEqual({ ok: false, reason: 'conflict' });
    expect(await repo.get(request.id, TENANT)).toMatchObject({ ok: true, request: { reason: 'first' } });
  });

  it('when an update has no eTag, then it throws rather than overwrite blindly', async () => {
    const { request, repo } = await stored();
    await expect(repo.update({ ...request, eTag: undefined })).rejects.toThrow('needs the eTag');
  });

  it.each([
    ['an unknown state', { state: 'approved-by-card' }],
    ['a machine id that is not 40 hex', { kind: 'isolate-device', target: { machineId: 'ws-0042' }, parameters: { isolationType: 'Full' } }],
    ['an id that does not match its key', { id: 'req0000000000000000099' }],
  ])('when stored data has %s, then reading it is corrupt, not a request', async (_what, change) => {
    const { h, request, repo } = await stored();
    const key = requestKey(request.id);
    const item = (await h.store.read([key]))[key];
    await h.store.write({ [key]: { ...item, ...change, eTag: '*' } });
    expect(await repo.get(request.id, TENANT)).toMatchObject({ ok: false, reason: 'corrupt' });
  });

  it('when the store fails for another reason, then the error is thrown, not mistaken for a conflict', async () => {
    const { request } = await stored();
    const failing = new MemoryStorage();
    failing.write = async () => Promise.reject(new Error('disk full'));
    await expect(createContainmentRepository(failing, { kinds: KINDS }).update(request)).rejects.toThrow('disk full');
  });

  it('when two writers race on the open index, then both ids end up listed', async () => {
    const store = new MemoryStorage();
    const repo = createContainmentRepository(store, { kinds: KINDS });
    const { request } = await stored();
    await Promise.all([repo.create({ ...request, id: 'req000000000000000000a' }), repo.create({ ...request, id: 'req000000000000000000b' })]);
    expect((await repo.openIds()).sort()).toEqual(['req000000000000000000a', 'req000000000000000000b']);
    await repo.close('req000000000000000000a');
    expect(await repo.openIds()).toEqual(['req000000000000000000b']);
    expect(Object.keys(await store.read([OPEN_INDEX_KEY]))).toEqual([OPEN_INDEX_KEY]);
  });
});

describe('isETagConflictError', () => {
  it('when MemoryStorage rejects a stale write, then the error is recognised', async () => {
    const store = new MemoryStorage();
    await store.write({ k: { v: 1 } });
    const { k } = await store.read(['k']);
    await store.write({ k: { ...k, v: 2 } });
    const err = await store.write({ k: { ...k, v: 3 } }).catch((e: unknown) => e);
    expect(isETagConflictError(err)).toBe(true);
  });

  it.each([
    [new Error('Storage: error writing "containment/x" due to eTag conflict.'), true],
    [Object.assign(new Error('The condition specified using HTTP conditional header(s) is not met.'), { statusCode: 412 }), true],
    [new Error('ENOSPC: no space left on device'), false],
    [Object.assign(new Error('Not found'), { statusCode: 404 }), false],
    ['eTag conflict', false],
    [null, false],
  ])('when the error is %p, then recognised is %s', (err, expected) => {
    expect(isETagConflictError(err)).toBe(expected);
  });
});
