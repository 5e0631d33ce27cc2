import type { Evidence } from './action-kind';
import { kindOf, type ServiceDeps } from './deps';
import type { ContainmentRequest } from './model';

export type { Evidence } from './action-kind';

/**
 * Looks in MDE for the effect of `request`, through its kind (read-only calls; throws MdeError).
 * Used after an ambiguous failure (timeout, 5xx, unreadable 2xx: MDE may have acted) and by
 * start-up recovery, instead of ever repeating the call. The kind is told when the call started
 * (or, never started, when the request last moved).
 */
export async function findEvidence(deps: ServiceDeps, request: ContainmentRequest): Promise<Evidence> {
  const startedAt = Date.parse(request.execution?.startedAt ?? request.history[request.history.length - 1]?.at ?? request.createdAt);
  return kindOf(deps, request).evidence(request, { now: deps.clock, warn: deps.warn, startedAt });
}
