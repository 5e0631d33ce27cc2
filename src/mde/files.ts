import { MdeError, isMdeError } from './errors';
import { mdeFileSchema, type MdeFile } from './file';
import type { MdeRequest } from './request';

export const FILE_READ_PERMISSIONS = ['File.Read.All'] as const;

/** SHA-1 or SHA-256, lower-case hex: all `/api/files/{id}` reliably takes (MD5 is not documented). */
const FILE_ID = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

/**
 * GET /api/files/{sha1|sha256}. Null when MDE has no such file (404). Anything that is not a
 * SHA-1/SHA-256 is refused here as `bad-request` (InvalidHashValue) without calling MDE.
 */
export async function getFile(request: MdeRequest, hash: string, options: { signal?: AbortSignal } = {}): Promise<MdeFile | null> {
  const id = hash.toLowerCase();
  if (!FILE_ID.test(id)) {
    throw new MdeError({ kind: 'bad-request', operation: 'files.get', code: 'InvalidHashValue', permissions: FILE_READ_PERMISSIONS });
  }
  try {
    return await request({
      operation: 'files.get',
      method: 'GET',
      path: `/api/files/${id}`,
      permissions: FILE_READ_PERMISSIONS,
      idempotent: true,
      schema: mdeFileSchema,
      signal: options.signal,
    });
  } catch (err) {
    if (isMdeError(err) && err.kind === 'not-found') return null;
    throw err;
  }
}
