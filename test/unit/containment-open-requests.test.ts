import type { ActionKinds } from '../../src/containment/action-kind';
import type { ContainmentRequest } from '../../src/containment/model';
import { inFlightRequests } from '../../src/containment/open-requests';
import type { ContainmentRepository } from '../../src/containment/repository';
import { deferred, TENANT, T0 } from './containment-fakes';

const ID = 'req000000000000000000a';
/** An isolation MDE accepted and still works on: succeeded in Verdict, its machine action followed. */
const followed = {
  id: ID,
  kind: 'isolate-device',
  tenantId: TENANT,
  state: 'succeeded',
  expiresAt: new Date(T0 - 1).toISOString(),
  execution: { mdeId: 'act-1', mdeStatus: 'Pending' },
} as unknown as ContainmentRequest;
const kinds = new Map([['isolate-device', { follow: { isFinal: (s: string) => s === 'Succeeded' } }]]) as unknown as ActionKinds;

describe('inFlightRequests: the open and followed lists', () => {
  it('still sees a request that moves from the open list to the followed list while the lists are read (follow first, then close)', async () => {
    // closeOrFollow adds the id to the followed list, then takes it off the open list. A read of
    // the followed list answered before that, and of the open list after it, would lose the request.
    let open = [ID];
    const follows: string[] = [];
    const openRead = deferred();
    const repo = {
      openIds: async () => {
        await openRead.promise;
        return [...open];
      },
      followedIds: async () => [...follows],
      load: async (id: string) => (id === ID ? { ok: true as const, request: followed } : { ok: false as const, reason: 'not-found' as const }),
    } as unknown as ContainmentRepository;
    const reading = inFlightRequests({ repo, kinds, warn: () => undefined }, TENANT, T0);
    await new Promise((r) => setImmediate(r));
    follows.push(ID);
    open = [];
    openRead.resolve();
    expect((await reading).map((r) => r.id)).toEqual([ID]);
  });

  it('when more than 1,000 requests are listed, then the newest 1,000 are read and the cut is logged, never silent', async () => {
    const ids = Array.from({ length: 1_003 }, (_, i) => `req${String(i).padStart(19, '0')}`);
    const loaded: string[] = [];
    const repo = {
      openIds: async () => ids,
      followedIds: async () => [],
      load: async (id: string) => (loaded.push(id), { ok: false as const, reason: 'not-found' as const }),
    } as unknown as ContainmentRepository;
    const warnings: [string, Record<string, unknown>][] = [];
    await inFlightRequests({ repo, kinds, warn: (event, fields) => void warnings.push([event, fields]) }, TENANT, T0);
    expect(loaded).toHaveLength(1_000);
    expect(loaded[0]).toBe(ids[3]);
    expect(warnings).toEqual([['containment.conflict-check-cut', { listed: 1_003, checked: 1_000 }]]);
  });
});
