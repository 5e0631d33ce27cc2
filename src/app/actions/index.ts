import type { ActionHandler } from '../router';
import { filePivotActions } from './file-pivots';
import { fileOpenAction, fileVerdictAction } from './file-verdict';
import { requestBlockHandler } from '../containment/request-block';
import { containmentDecisionActions } from '../containment/decide-actions';
import { requestIsolationHandler } from '../containment/request-isolation';
import { deviceListAction } from './device-list';

/** The card-action registry: a plain array, matched by exact verb. */
export function defaultActions(): ActionHandler[] {
  // Containment handlers answer "not available" when no gateways are wired (deps.containment).
  return [fileVerdictAction, fileOpenAction, ...filePivotActions, requestBlockHandler, requestIsolationHandler, ...containmentDecisionActions, deviceListAction];
}
