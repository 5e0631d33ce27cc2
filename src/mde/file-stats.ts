import { z } from 'zod';

/**
 * GET /api/files/{sha1}/stats. MDE's field names are odd (`organizationPrevalence`,
 * `globallyPrevalence`); the short spellings are accepted too and normalised.
 */
export const mdeFileStatsSchema = z
  .object({
    sha1: z.string().nullish(),
    organizationPrevalence: z.number().nullish(),
    orgPrevalence: z.number().nullish(),
    orgFirstSeen: z.string().nullish(),
    orgLastSeen: z.string().nullish(),
    globallyPrevalence: z.number().nullish(),
    globalPrevalence: z.number().nullish(),
    globalFirstObserved: z.string().nullish(),
    globalLastObserved: z.string().nullish(),
    topFileNames: z.array(z.string()).nullish(),
  })
  .passthrough()
  .transform((s) => ({
    sha1: s.sha1 ?? null,
    organizationPrevalence: s.organizationPrevalence ?? s.orgPrevalence ?? null,
    orgFirstSeen: s.orgFirstSeen ?? null,
    orgLastSeen: s.orgLastSeen ?? null,
    globalPrevalence: s.globallyPrevalence ?? s.globalPrevalence ?? null,
    globalFirstObserved: s.globalFirstObserved ?? null,
    globalLastObserved: s.globalLastObserved ?? null,
    topFileNames: s.topFileNames ?? [],
  }));

export type MdeFileStats = z.output<typeof mdeFileStatsSchema>;
