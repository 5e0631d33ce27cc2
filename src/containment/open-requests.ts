import { followsAction } from './action-kind';
import type { ServiceDeps } from './deps';
import type { ContainmentRequest } from './model';
import { sameId } from './refusal';

/**
 * At most this many of the newest open and followed requests are read for a conflict check (1,000
 * reads, 25 at a time: well under a second on Azure Storage). More in flight at once is far past
 * what a SOC approves by hand (each is one approval card); if it happens the oldest are not
 * checked, and that is logged (`containment.conflict-check-cut`), never silent.
 */
export const MAX_IN_FLIGHT_READ = 1_000;
/** Reads started together (each is one state-store read). */
const READ_BATCH = 25;

/**
 * The tenant's requests that have not ended, from the shared store (so every instance sees the
 * same): waiting for a decision (and not past their expiry), approved, executing, or succeeded
 * with an MDE action still followed to a final status. Newest last. With `before`, only those
 * listed before that request in the open index: the index is appended to with a conditional
 * write, so its order is the one order every instance agrees on (the race check after storing).
 * A request that cannot be read is skipped (the sweep reports it).
 */
export async function inFlightRequests(deps: Pick<ServiceDeps, 'repo' | 'kinds' | 'warn'>, tenantId: string, now: number, before?: string): Promise<ContainmentRequest[]> {
  // Open first, then followed: a request is added to the followed list before it leaves the open
  // list (closeOrFollow), so read in this order it is in one list or the other, never in neither.
  const open = await deps.repo.openIds();
  const followed = await deps.repo.followedIds();
  const at = before === undefined ? -1 : open.indexOf(before);
  const listed = at < 0 ? open : open.slice(0, at);
  // Followed-only ids are older than any open one: succeeded requests whose action still runs.
  const all = [...new Set([...followed.filter((id) => !open.includes(id)), ...listed])].filter((id) => id !== before);
  if (all.length > MAX_IN_FLIGHT_READ) deps.warn('containment.conflict-check-cut', { listed: all.length, checked: MAX_IN_FLIGHT_READ });
  const ids = all.slice(-MAX_IN_FLIGHT_READ);
  const found: ContainmentRequest[] = [];
  for (let i = 0; i < ids.length; i += READ_BATCH) {
    const read = await Promise.all(ids.slice(i, i + READ_BATCH).map((id) => (before === undefined ? deps.repo.load(id) : loadSoonStored(deps, id))));
    for (const r of read) if (r.ok && sameId(r.request.tenantId, tenantId) && inFlight(r.request, deps, now)) found.push(r.request);
  }
  return found;
}

/** How long the race check waits for a listed request whose record is not written yet. */
export const LISTED_NOT_STORED_WAIT_MS = [50, 100, 200] as const;

/**
 * A request is listed in the open index one write before its record exists: in that gap another
 * instance's race check would miss it. So an id listed before ours that is not found yet is read
 * again a few times (350 ms in all) before it counts as a stale entry the sweep will prune.
 */
async function loadSoonStored(deps: Pick<ServiceDeps, 'repo'>, id: string) {
  let read = await deps.repo.load(id);
  for (const ms of LISTED_NOT_STORED_WAIT_MS) {
    if (read.ok || read.reason !== 'not-found') return read;
    await new Promise((resolve) => setTimeout(resolve, ms));
    read = await deps.repo.load(id);
  }
  return read;
}

function inFlight(request: ContainmentRequest, deps: Pick<ServiceDeps, 'kinds'>, now: number): boolean {
  switch (request.state) {
    case 'requested':
      return Date.parse(request.expiresAt) > now;
    case 'approved':
    case 'executing':
      return true;
    case 'succeeded':
      return followsAction(request, deps.kinds.get(request.kind));
    default:
      return false;
  }
}
