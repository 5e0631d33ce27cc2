import { z } from 'zod';

/** What Teams sends to a bot with `supportsFiles` when a user attaches a file in personal chat. */
export const FILE_DOWNLOAD_INFO = 'application/vnd.microsoft.teams.file.download.info';

const fileDownloadInfo = z.object({
  contentType: z.literal(FILE_DOWNLOAD_INFO),
  name: z.string().trim().min(1).max(255),
  content: z.looseObject({
    downloadUrl: z.string().min(1).max(4096),
    uniqueId: z.string().max(256).nullish(),
    fileType: z.string().max(32).nullish(),
  }),
});

/** A sent file as the edge saw it: readable (name, where, whether it is a CSV) or not. */
export type SentFileInfo = { ok: true; name: string; downloadUrl: string; csv: boolean } | { ok: false };

/**
 * The first file.download.info attachment of a message, checked with zod (outside data: the
 * envelope check lets attachments through as loose objects); null when there is none.
 */
export function sentFileOf(attachments: unknown): SentFileInfo | null {
  if (!Array.isArray(attachments)) return null;
  const raw: unknown = attachments.find((a: unknown) => typeof a === 'object' && a !== null && (a as { contentType?: unknown }).contentType === FILE_DOWNLOAD_INFO);
  if (raw === undefined) return null;
  const parsed = fileDownloadInfo.safeParse(raw);
  if (!parsed.success) return { ok: false };
  const { name, content } = parsed.data;
  const csv = /\.csv$/i.test(name) || content.fileType?.toLowerCase() === 'csv';
  return { ok: true, name, downloadUrl: content.downloadUrl, csv };
}
