import type { ActionHandler } from '../router';
import { filePivotActions } from './file-pivots';
import { fileVerdictAction } from './file-verdict';

/** The card-action registry: a plain array, matched by exact verb. */
export function defaultActions(): ActionHandler[] {
  return [fileVerdictAction, ...filePivotActions];
}
