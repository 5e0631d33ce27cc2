import type { IndicatorSubmission } from '../../containment/ports';
import { indicatorOf, type BlockFileRequest } from './request';

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
