import { followsAction, type FollowThrough } from './action-kind';
import { plain } from './audit-entries';
import { journal } from './commit';
import type { ServiceDeps } from './deps';
import type { ContainmentRequest } from './model';
import { SYSTEM_ACTOR, type ContainmentAuditEntry } from './ports';

/** When each followed request is next looked at. In memory: after a restart every one is due at once. */
export type FollowSchedule = Map<string, { checks: number; nextAt: number }>;

export interface FollowItem {
  id: string;
  /** `status`: MDE moved it on; `final`: to a status it never leaves; the rest: Verdict stopped following. */
  change: 'status' | 'final' | 'gave-up' | 'not-found';
  request: ContainmentRequest;
}

/**
 * Follows the action of every request MDE accepted whose kind has follow-through (e.g. an
 * isolation's MachineAction) until it reaches a final status, as the kind tells: first `followFirstMs`
 * after it was sent, then backing off to `followMaxIntervalMs`. A change is journaled first, then
 * stored on the request, so the audit thread and the card tell it in order; a journal failure
 * leaves it for the next look. The follow list is in the state store, so a restart picks up where
 * this left off. Returns what changed, for the caller to redraw cards.
 */
export async function followActions(deps: ServiceDeps, schedule: FollowSchedule): Promise<FollowItem[]> {
  const changed: FollowItem[] = [];
  const ids = await deps.repo.followedIds();
  for (const id of [...schedule.keys()]) if (!ids.includes(id)) schedule.delete(id);
  for (const id of ids) {
    try {
      const item = await followOne(deps, schedule, id);
      if (item) changed.push(item);
    } catch (err) {
      // Storage trouble: nothing was claimed, the next look tries again.
      deps.warn('containment.follow-failed', { requestId: id, error: String(err) });
      backOff(deps, schedule, id);
    }
  }
  return changed;
}

async function followOne(deps: ServiceDeps, schedule: FollowSchedule, id: string): Promise<FollowItem | undefined> {
  const found = await deps.repo.load(id);
  if (!found.ok) {
    if (found.reason === 'not-found') await unfollow(deps, schedule, id);
    else deps.warn('containment.follow-corrupt', { requestId: id, issues: found.issues });
    return undefined;
  }
  const request = found.request;
  const follow = deps.kinds.get(request.kind)?.follow;
  if (!follow || !followsAction(request, deps.kinds.get(request.kind))) {
    await unfollow(deps, schedule, id);
    return undefined;
  }
  const now = deps.clock();
  const sentAt = Date.parse(request.execution?.finishedAt ?? request.createdAt);
  const slot = schedule.get(id) ?? { checks: 0, nextAt: Date.parse(request.execution?.mdeStatusAt ?? '') || sentAt + deps.policy.followFirstMs };
  schedule.set(id, slot);
  if (now < slot.nextAt) return undefined;
  if (now - sentAt >= deps.policy.followForMs) return end(deps, schedule, follow, request, 'gave-up');

  let status: string | null;
  try {
    status = await follow.status(request.execution?.mdeId ?? '');
  } catch (err) {
    deps.warn('containment.follow-lookup-failed', { requestId: id, mdeId: request.execution?.mdeId, error: String(err) });
    backOff(deps, schedule, id);
    return undefined;
  }
  if (status === null) return end(deps, schedule, follow, request, 'not-found');
  if (status === request.execution?.mdeStatus) {
    backOff(deps, schedule, id);
    return undefined;
  }
  return record(deps, schedule, follow, request, status);
}

/** A new status: journaled, then stored; followed on (from the first interval again) unless final. */
async function record(deps: ServiceDeps, schedule: FollowSchedule, follow: FollowThrough, request: ContainmentRequest, status: string): Promise<FollowItem | undefined> {
  const final = follow.isFinal(status);
  const at = new Date(deps.clock()).toISOString();
  if (!(await journal(deps, statusEntry(follow, request, { to: status, final, at })))) {
    backOff(deps, schedule, request.id);
    return undefined;
  }
  const written = await deps.repo.update({ ...request, execution: { ...request.execution, mdeStatus: status, mdeStatusAt: at } });
  if (!written.ok) {
    // Someone else wrote it meanwhile: look again at once (the entry may then repeat, same from/to).
    deps.warn('containment.follow-conflict', { requestId: request.id });
    return undefined;
  }
  if (final) await unfollow(deps, schedule, request.id);
  else schedule.set(request.id, { checks: 0, nextAt: deps.clock() + deps.policy.followFirstMs });
  return { id: request.id, change: final ? 'final' : 'status', request: written.request };
}

/** Stops following without a final status, saying why, in the journal and on the card. */
async function end(deps: ServiceDeps, schedule: FollowSchedule, follow: FollowThrough, request: ContainmentRequest, why: 'gave-up' | 'not-found'): Promise<FollowItem | undefined> {
  const at = new Date(deps.clock()).toISOString();
  if (!(await journal(deps, statusEntry(follow, request, { to: request.execution?.mdeStatus, final: false, at, followEnded: why })))) {
    backOff(deps, schedule, request.id);
    return undefined;
  }
  const written = await deps.repo.update({ ...request, execution: { ...request.execution, followEnded: why } });
  if (!written.ok) return undefined;
  await unfollow(deps, schedule, request.id);
  return { id: request.id, change: why, request: written.request };
}

function statusEntry(follow: FollowThrough, request: ContainmentRequest, change: { to?: string; final: boolean; at: string; followEnded?: string }): ContainmentAuditEntry {
  return {
    type: 'containment.action-status',
    actor: { ...SYSTEM_ACTOR },
    requestId: request.id,
    data: plain({ kind: request.kind, tenantId: request.tenantId, ...follow.statusFacts(request), mdeId: request.execution?.mdeId, from: request.execution?.mdeStatus, ...change }),
  };
}

function backOff(deps: ServiceDeps, schedule: FollowSchedule, id: string): void {
  const slot = schedule.get(id) ?? { checks: 0, nextAt: 0 };
  const checks = slot.checks + 1;
  const delay = Math.min(deps.policy.followMaxIntervalMs, deps.policy.followFirstMs * 2 ** Math.min(checks, 20));
  schedule.set(id, { checks, nextAt: deps.clock() + delay });
}

async function unfollow(deps: ServiceDeps, schedule: FollowSchedule, id: string): Promise<void> {
  schedule.delete(id);
  await deps.repo.unfollow(id);
}
