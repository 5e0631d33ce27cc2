import type { MdeFile } from './file';

/** The MDE operations the bot uses. Implementations: `createHttpMdeClient` (fetch-based). */
export interface MdeClient {
  /** GET /api/files/{sha1|sha256}. Resolves null when MDE answers 404; throws MdeError otherwise. */
  getFile(hash: string, options?: { signal?: AbortSignal }): Promise<MdeFile | null>;
}
