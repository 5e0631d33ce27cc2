import { isETagConflictError } from './etag-conflict';
import type { ActionKinds } from './action-kind';
import { REQUEST_ID, type ContainmentRequest } from './model';
import { createOpenIndex, FOLLOW_INDEX_KEY } from './open-index';
import type { StateStore } from './ports';
import { sameId } from './refusal';

export type RepoRead = { ok: true; request: ContainmentRequest } | { ok: false; reason: 'not-found' } | { ok: false; reason: 'corrupt'; issues: string[] };
/** `conflict`: someone else wrote first (eTag mismatch); reload and decide again. */
export type RepoWrite = { ok: true; request: ContainmentRequest } | { ok: false; reason: 'conflict' };

export interface ContainmentRepository {
  /** Stores a new request (revision 1) and lists it as open. */
  create(request: ContainmentRequest): Promise<RepoWrite>;
  /** The request, only if it belongs to `tenantId`: another tenant's request is `not-found`, never a hint. */
  get(id: string, tenantId: string): Promise<RepoRead>;
  /** Any tenant's request: for sweeps and recovery, never for a click. */
  load(id: string): Promise<RepoRead>;
  /** Writes `request` if its `eTag` is still current; returns the stored copy with the new eTag. */
  update(request: ContainmentRequest): Promise<RepoWrite>;
  /** Deletes a request that must not exist after all (its creation could not be journaled). */
  remove(id: string): Promise<void>;
  openIds(): Promise<string[]>;
  /** Drops an id from the open list once nothing more is owed on it. */
  close(id: string): Promise<void>;
  /** Requests whose MDE action is still followed to a final status (kinds with follow-through). */
  followedIds(): Promise<string[]>;
  follow(id: string): Promise<void>;
  unfollow(id: string): Promise<void>;
}

export const requestKey = (id: string): string => `containment/${id}`;

export function createContainmentRepository(store: StateStore, options: { kinds: ActionKinds; isConflict?: (err: unknown) => boolean }): ContainmentRepository {
  const isConflict = options.isConflict ?? isETagConflictError;
  const index = createOpenIndex(store, isConflict);
  const followed = createOpenIndex(store, isConflict, FOLLOW_INDEX_KEY);

  async function load(id: string): Promise<RepoRead> {
    // The id comes from card data: check its shape before it becomes part of a storage key.
    if (!REQUEST_ID.test(id)) return { ok: false, reason: 'not-found' };
    const item = (await store.read([requestKey(id)]))[requestKey(id)];
    if (item === undefined || item === null) return { ok: false, reason: 'not-found' };
    // Each kind's own schema, chosen by the stored name; a kind this Verdict does not run is unreadable.
    const kindName = typeof item === 'object' && 'kind' in item ? (item as { kind?: unknown }).kind : undefined;
    const kind = typeof kindName === 'string' ? options.kinds.get(kindName) : undefined;
    if (!kind) return { ok: false, reason: 'corrupt', issues: ['kind: not a response action this Verdict runs'] };
    const parsed = kind.stored.safeParse(item);
    if (!parsed.success) return { ok: false, reason: 'corrupt', issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.code}`) };
    if (parsed.data.id !== id) return { ok: false, reason: 'corrupt', issues: ['id: does not match its key'] };
    return { ok: true, request: parsed.data };
  }

  /** Writes, then reads back for the new eTag; the revision tells our write from a later one. */
  async function write(next: ContainmentRequest): Promise<RepoWrite> {
    try {
      await store.write({ [requestKey(next.id)]: next });
    } catch (err) {
      if (isConflict(err)) return { ok: false, reason: 'conflict' };
      throw err;
    }
    const stored = await load(next.id);
    if (!stored.ok) throw new Error(`containment request ${next.id} unreadable right after writing it (${stored.reason})`);
    // Someone wrote after us before we could read: we no longer hold the current eTag.
    if (stored.request.revision !== next.revision) return { ok: false, reason: 'conflict' };
    return stored;
  }

  return {
    async create(request) {
      if ((await load(request.id)).ok) return { ok: false, reason: 'conflict' };
      await index.add(request.id);
      const { eTag: _ignored, ...fresh } = request;
      return write({ ...fresh, revision: 1 });
    },
    async get(id, tenantId) {
      const found = await load(id);
      return found.ok && !sameId(found.request.tenantId, tenantId) ? { ok: false, reason: 'not-found' } : found;
    },
    load,
    async update(request) {
      if (!request.eTag) throw new Error('containment repository: update needs the eTag the request was read with');
      return write({ ...request, revision: request.revision + 1 });
    },
    async remove(id) {
      await store.delete([requestKey(id)]);
      await index.remove(id);
    },
    openIds: () => index.list(),
    close: (id) => index.remove(id),
    followedIds: () => followed.list(),
    follow: (id) => followed.add(id),
    unfollow: (id) => followed.remove(id),
  };
}
