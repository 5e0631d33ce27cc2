import type { ActionHandler } from '../router';
import { filePivotActions } from './file-pivots';
import { fileOpenAction, fileVerdictAction } from './file-verdict';
import { containmentDecisionActions } from '../containment/decide-actions';
import { deviceListAction } from './device-list';
import { packageLinkAction } from './package-link';

/**
 * The card-action registry: a plain array, matched by exact verb. The response actions' form
 * handlers come from their registry (deps.containment.actions), added by the router.
 */
export function defaultActions(): ActionHandler[] {
  return [fileVerdictAction, fileOpenAction, ...filePivotActions, ...containmentDecisionActions, deviceListAction, packageLinkAction];
}
