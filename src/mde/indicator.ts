import { z } from 'zod';

/**
 * MDE's Indicator entity (reference §3a), leniently: nullable fields, extra fields pass, and `id`
 * as a string even if a number comes back. The table names the creator field `createdBySource`,
 * the docs' example `source`: both are read, and `createdBySource` carries whichever came.
 */
const str = z.string().nullish();

export const mdeIndicatorSchema = z
  .object({
    id: z.union([z.string(), z.number()]).transform(String),
    indicatorValue: z.string(),
    indicatorType: str,
    action: str,
    application: str,
    title: str,
    description: str,
    recommendedActions: str,
    severity: str,
    expirationTime: str,
    generateAlert: z.boolean().nullish(),
    sourceType: str,
    createdBySource: str,
    source: str,
    createdBy: str,
    createdByDisplayName: str,
    creationTimeDateTimeUtc: str,
    lastUpdateTime: str,
    lastUpdatedBy: str,
    // Documented as a comma-separated list, answered as an array in the examples: accept both.
    rbacGroupNames: z.union([z.array(z.string()), z.string()]).nullish(),
    rbacGroupIds: z.array(z.union([z.string(), z.number()])).nullish(),
    externalID: str,
  })
  .passthrough()
  .transform((i) => ({ ...i, createdBySource: i.createdBySource ?? i.source ?? null }));

export type MdeIndicator = z.infer<typeof mdeIndicatorSchema>;
