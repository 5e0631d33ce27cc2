import { z } from 'zod';

/** One response action over a device set (reference §4): the MDE body parameters it needs besides the comment. */
export const bulkActionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('isolate'), isolationType: z.enum(['Full', 'Selective']) }),
  z.object({ kind: z.literal('release') }),
  z.object({ kind: z.literal('scan'), scanType: z.enum(['Quick', 'Full']) }),
  z.object({ kind: z.literal('restrict') }),
  z.object({ kind: z.literal('unrestrict') }),
  z.object({ kind: z.literal('collect') }),
  z.object({ kind: z.literal('quarantine'), sha1: z.string().regex(/^[0-9a-f]{40}$/) }),
  z.object({ kind: z.literal('tag'), value: z.string().min(1).max(200), tagAction: z.enum(['Add', 'Remove']) }),
]);

export type BulkAction = z.infer<typeof bulkActionSchema>;
export type BulkKind = BulkAction['kind'];

/** The MachineAction `type` MDE records for each kind; tags make no machine action. */
export const MDE_ACTION_TYPE: Readonly<Record<BulkKind, string | null>> = Object.freeze({
  isolate: 'Isolate',
  release: 'Unisolate',
  scan: 'RunAntiVirusScan',
  restrict: 'RestrictCodeExecution',
  unrestrict: 'UnrestrictCodeExecution',
  collect: 'CollectInvestigationPackage',
  quarantine: 'StopAndQuarantineFile',
  tag: null,
});

/**
 * Kinds that must never be in flight together on one device from Verdict: isolate vs release,
 * restrict vs unrestrict; a second scan, collection or quarantine of the same file while one runs.
 * Tags have no machine action and no conflicts.
 */
export function conflictGroup(action: BulkAction): string | null {
  switch (action.kind) {
    case 'isolate':
    case 'release':
      return 'isolation';
    case 'restrict':
    case 'unrestrict':
      return 'restriction';
    case 'quarantine':
      return `quarantine:${action.sha1}`;
    case 'tag':
      return null;
    default:
      return action.kind;
  }
}

/** "Isolating", "Scanning (Quick)"… for progress lines. */
export function actionGerund(action: BulkAction): string {
  switch (action.kind) {
    case 'isolate':
      return `Isolating (${action.isolationType})`;
    case 'release':
      return 'Releasing';
    case 'scan':
      return `Scanning (${action.scanType})`;
    case 'restrict':
      return 'Restricting app execution on';
    case 'unrestrict':
      return 'Removing the app restriction from';
    case 'collect':
      return 'Collecting investigation packages from';
    case 'quarantine':
      return 'Stopping and quarantining the file on';
    case 'tag':
      return `${action.tagAction === 'Add' ? 'Tagging' : 'Untagging'} (${action.value})`;
  }
}
