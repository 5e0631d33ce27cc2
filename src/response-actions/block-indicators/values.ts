import { isIP } from 'node:net';
import { hashTypeOf } from '../../triage/hashes';

/**
 * Whether MDE would take a value as an indicator of a type (reference §3, §6: InvalidHashValue,
 * InvalidIpAddress, InvalidDomainName, InvalidUrl), checked before anything is sent so a bulk
 * block is refused whole rather than half-imported. The reason is the error MDE would give.
 */
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;
const HASH_TYPE: Readonly<Record<string, string>> = { FileSha256: 'sha256', FileSha1: 'sha1', FileMd5: 'md5' };

function isHostName(value: string): boolean {
  const labels = value.split('.');
  return value.length <= 253 && labels.length >= 2 && labels.every((l) => LABEL.test(l)) && /^(?:[a-z]{2,}|xn--[a-z0-9-]+)$/i.test(labels[labels.length - 1] ?? '');
}

export function valueRefusal(type: string, value: string): string | undefined {
  const hashType = HASH_TYPE[type];
  if (hashType) return hashTypeOf(value) === hashType ? undefined : 'InvalidHashValue';
  switch (type) {
    case 'IpAddress':
      return !value.includes('/') && isIP(value) !== 0 ? undefined : 'InvalidIpAddress';
    case 'DomainName':
      return isHostName(value) ? undefined : 'InvalidDomainName';
    case 'Url':
      try {
        const url = new URL(value);
        const host = url.hostname.replace(/^\[|\]$/g, '');
        return ['http:', 'https:'].includes(url.protocol) && (isHostName(host) || isIP(host) !== 0) && value.length <= 2048 ? undefined : 'InvalidUrl';
      } catch {
        return 'InvalidUrl';
      }
    default:
      return 'InvalidRequestBody';
  }
}
