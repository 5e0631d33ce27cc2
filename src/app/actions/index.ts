import type { ActionHandler } from '../router';
import { filePivotActions } from './file-pivots';
import { fileOpenAction, fileVerdictAction } from './file-verdict';
import type { AppDeps } from '../deps';
import { containmentDecisionActions } from '../containment/decide-actions';
import { deviceListAction } from './device-list';
import { packageLinkAction } from './package-link';
import { devicesFromFileAction } from './devices-from-file';
import { devicesFromAlertAction } from './devices-from-alert';

/** The card-action registry: a plain array, matched by exact verb. */
export function defaultActions(): ActionHandler[] {
  return [fileVerdictAction, fileOpenAction, ...filePivotActions, deviceListAction, packageLinkAction, devicesFromFileAction, devicesFromAlertAction];
}

/**
 * Containment's handlers, where containment is wired (always, from main.ts): deciding on a
 * request (Approve, Deny, Cancel, the refresh view) and every response action's form, from its
 * registry (deps.containment.actions). Without it there is nothing to click on.
 */
export function containmentActions(deps: Pick<AppDeps, 'containment'>): ActionHandler[] {
  return deps.containment ? [...containmentDecisionActions, ...deps.containment.actions.handlers()] : [];
}
