import { indicatorBody } from '../../mde/indicators';
import type { IndicatorSubmission } from '../../mde/containment-ports';
import { indicatorOf, type BlockFileRequest } from './request';

/**
 * Exactly what a request sends to MDE, derived only from what was approved, so the approval card,
 * the audit entry and the call itself agree (the body is built by src/mde's `indicatorBody`).
 */
export function indicatorSubmission(request: BlockFileRequest): IndicatorSubmission {
  const indicator = indicatorOf(request.target);
  if (!indicator) throw new Error(`containment request ${request.id} has no hash to block`);
  const p = request.parameters;
  return indicatorBody({
    indicatorValue: indicator.value,
    indicatorType: indicator.type,
    action: p.action,
    title: p.title,
    description: p.description,
    expirationTime: p.expirationTime,
    severity: p.severity,
    generateAlert: p.generateAlert,
    rbacGroupNames: p.rbacGroupNames,
    recommendedActions: p.recommendedActions,
  });
}
