import { z } from 'zod';

/**
 * The MDE File entity (GET /api/files/{id}, items of GET /api/alerts/{id}/files).
 * Lenient where MDE is loose: every field may be missing or null, extra fields pass through.
 * `fileClassification` and `threatName` are not documented File fields; they are accepted in case
 * they ever appear (see shared reference, mde-api §1).
 */
const str = z.string().nullish();
const num = z.number().nullish();
const bool = z.boolean().nullish();

export const mdeFileSchema = z
  .object({
    sha1: str,
    sha256: str,
    md5: str,
    globalPrevalence: num,
    globalFirstObserved: str,
    globalLastObserved: str,
    size: num,
    fileType: str,
    isPeFile: bool,
    filePublisher: str,
    fileProductName: str,
    signer: str,
    issuer: str,
    signerHash: str,
    isValidCertificate: bool,
    determinationType: str,
    determinationValue: str,
    fileClassification: str,
    threatName: str,
  })
  .passthrough();

export type MdeFile = z.infer<typeof mdeFileSchema>;
