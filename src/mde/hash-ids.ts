import { MdeError } from './errors';

/** Lower-case hex of the two lengths MDE's Files API reliably takes (MD5 is not documented). */
export const SHA1_HEX = /^[0-9a-f]{40}$/;
export const SHA256_HEX = /^[0-9a-f]{64}$/;

export const isFileId = (id: string): boolean => SHA1_HEX.test(id) || SHA256_HEX.test(id);

/** The refusal for an id MDE would reject anyway, raised before any call is made (or counted). */
export function invalidHash(operation: string, permissions: readonly string[]): MdeError {
  return new MdeError({ kind: 'bad-request', operation, code: 'InvalidHashValue', permissions });
}
