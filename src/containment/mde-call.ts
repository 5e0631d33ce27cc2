import { LIMITS } from './limits';
import { indicatorOf, type BlockFileRequest, type ContainmentRequest, type IsolateRequest } from './model';
import type { IndicatorSubmission } from './ports';
import { cutTo } from '../util/clip';

/**
 * Exactly what a request sends to MDE, derived only from what was approved, so the approval card,
 * the audit entry and the call itself agree.
 */
export function indicatorSubmission(request: BlockFileRequest): IndicatorSubmission {
  const indicator = indicatorOf(request.target);
  if (!indicator) throw new Error(`containment request ${request.id} has no hash to block`);
  const p = request.parameters;
  const body: IndicatorSubmission = {
    indicatorValue: indicator.value,
    indicatorType: indicator.type,
    action: p.action,
    title: p.title,
    description: p.description,
    expirationTime: p.expirationTime,
    severity: p.severity,
    generateAlert: p.generateAlert,
  };
  if (p.rbacGroupNames && p.rbacGroupNames.length > 0) body.rbacGroupNames = [...p.rbacGroupNames];
  if (p.recommendedActions) body.recommendedActions = p.recommendedActions;
  return body;
}

/** The isolate `Comment`: carries the request id so the action can be matched to it later. */
export function isolationComment(request: IsolateRequest): string {
  const text = `Verdict ${request.id}: ${request.reason} (requested by ${request.requester.name || request.requester.aadObjectId})`;
  return cutTo(text, LIMITS.comment);
}

/** What the audit entry for `executing` records about the call about to be made. */
export function mdeCallSummary(request: ContainmentRequest): Record<string, unknown> {
  if (request.kind === 'block-file') {
    const { indicatorValue, indicatorType, action, expirationTime, severity, generateAlert, rbacGroupNames } = indicatorSubmission(request);
    return { operation: 'indicators.submit', indicatorValue, indicatorType, action, expirationTime, severity, generateAlert, rbacGroupNames };
  }
  return { operation: 'machines.isolate', machineId: request.target.machineId, isolationType: request.parameters.isolationType, comment: isolationComment(request) };
}
