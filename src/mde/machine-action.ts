import { z } from 'zod';

/**
 * MDE's MachineAction entity (reference §4), leniently. The resource page spells the update time
 * `lastUpdateDateTimeUtc`, the list examples `lastUpdateTimeUtc`: both are read, and
 * `lastUpdateDateTimeUtc` carries whichever came.
 */
const str = z.string().nullish();

export const mdeMachineActionSchema = z
  .object({
    id: z.string(),
    type: z.string(),
    status: z.string(),
    scope: str,
    requestor: str,
    requestSource: str,
    requestorComment: str,
    machineId: str,
    computerDnsName: str,
    creationDateTimeUtc: str,
    lastUpdateDateTimeUtc: str,
    lastUpdateTimeUtc: str,
    cancellationRequestor: str,
    cancellationComment: str,
    cancellationDateTimeUtc: str,
    title: str,
    externalID: str,
    relatedFileInfo: z.object({ fileIdentifier: str, fileIdentifierType: str }).passthrough().nullish(),
  })
  .passthrough()
  .transform((a) => ({ ...a, lastUpdateDateTimeUtc: a.lastUpdateDateTimeUtc ?? a.lastUpdateTimeUtc ?? null }));

export type MdeMachineAction = z.infer<typeof mdeMachineActionSchema>;

/** Statuses of an action MDE is still working on. */
export const ACTIVE_ACTION_STATUSES: readonly string[] = Object.freeze(['Pending', 'InProgress']);
