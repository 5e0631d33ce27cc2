import { isMdeError } from './errors';
import { mdeFileSchema, type MdeFile } from './file';
import { invalidHash, isFileId } from './hash-ids';
import type { MdeRequest } from './request';

export const FILE_READ_PERMISSIONS = ['File.Read.All'] as const;

/**
 * GET /api/files/{sha1|sha256}. Null when MDE has no such file (404). Anything that is not a
 * SHA-1/SHA-256 is refused here as `bad-request` (InvalidHashValue) without calling MDE.
 */
export async function getFile(request: MdeRequest, hash: string, options: { signal?: AbortSignal } = {}): Promise<MdeFile | null> {
  const id = hash.toLowerCase();
  if (!isFileId(id)) throw invalidHash('files.get', FILE_READ_PERMISSIONS);
  return nullOn404(
    request({
      operation: 'files.get',
      method: 'GET',
      path: `/api/files/${id}`,
      permissions: FILE_READ_PERMISSIONS,
      idempotent: true,
      schema: mdeFileSchema,
      signal: options.signal,
    }),
  );
}

/** Null instead of a `not-found` MdeError: for the endpoints where 404 is an answer, not a failure. */
export async function nullOn404<T>(call: Promise<T>): Promise<T | null> {
  try {
    return await call;
  } catch (err) {
    if (isMdeError(err) && err.kind === 'not-found') return null;
    throw err;
  }
}
