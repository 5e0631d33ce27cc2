import { z } from 'zod';

/**
 * The MDE Alert entity (GET /api/alerts/{id}, items of /api/files/{sha1}/alerts); lenient:
 * nullable fields, extra fields pass. `mitreTechniques` is typed String in the docs but an array
 * in the example, so both are accepted. Enum-like fields are open strings: MDE adds values.
 */
const str = z.string().nullish();

const evidenceSchema = z
  .object({
    entityType: str, // User | Process | File | Ip | Url | Registry…
    sha1: str,
    sha256: str,
    fileName: str,
    filePath: str,
    detectionStatus: str,
  })
  .passthrough();

export const mdeAlertSchema = z
  .object({
    id: z.string(),
    incidentId: z.number().nullish(),
    investigationId: z.number().nullish(),
    title: str,
    description: str,
    severity: str, // UnSpecified | Informational | Low | Medium | High
    status: str, // Unknown | New | InProgress | Resolved
    category: str,
    detectionSource: str,
    threatFamilyName: str,
    threatName: str,
    machineId: str,
    computerDnsName: str,
    rbacGroupName: str,
    alertCreationTime: str,
    firstEventTime: str,
    lastEventTime: str,
    lastUpdateTime: str,
    resolvedTime: str,
    assignedTo: str,
    classification: str,
    determination: str,
    investigationState: str,
    mitreTechniques: z.union([z.array(z.string()), z.string()]).nullish(),
    evidence: z.array(evidenceSchema).nullish(),
  })
  .passthrough();

export type MdeAlert = z.infer<typeof mdeAlertSchema>;
