import { benignHash } from './known-benign';
import { extractHashes, type Extraction, type FoundHash, type HashType } from './hashes';
import { extractNetworkIocs, type NetworkExtraction, type NetworkIndicatorType } from './network-iocs';

/**
 * Every IoC in a pasted text, typed as MDE's indicatorType (reference §3a): file hashes as
 * extractHashes finds them (unchanged, so /hash costs what it did) and network IoCs as
 * extractNetworkIocs finds them.
 */

export type FileIndicatorType = 'FileSha256' | 'FileSha1' | 'FileMd5';
export type IndicatorType = FileIndicatorType | NetworkIndicatorType;

export const FILE_INDICATOR_TYPE: Readonly<Record<HashType, FileIndicatorType>> = Object.freeze({ sha256: 'FileSha256', sha1: 'FileSha1', md5: 'FileMd5' });

export const FILE_INDICATOR_TYPES: readonly FileIndicatorType[] = ['FileSha256', 'FileSha1', 'FileMd5'];
export const NETWORK_INDICATOR_TYPES: readonly NetworkIndicatorType[] = ['IpAddress', 'DomainName', 'Url'];

export const isFileIndicatorType = (t: string | null | undefined): t is FileIndicatorType => (FILE_INDICATOR_TYPES as readonly string[]).includes(t ?? '');
export const isNetworkIndicatorType = (t: string | null | undefined): t is NetworkIndicatorType => (NETWORK_INDICATOR_TYPES as readonly string[]).includes(t ?? '');

export interface AdvisoryIocs {
  hashes: Extraction;
  network: NetworkExtraction;
}

export function extractIocs(text: string, options: { maxHashes?: number; maxNetwork?: number } = {}): AdvisoryIocs {
  return { hashes: extractHashes(text, { max: options.maxHashes }), network: extractNetworkIocs(text, { max: options.maxNetwork }) };
}

/** An advisory (several IoCs, or any network one) gets the coverage card; one hash gets its verdict card. */
export function isAdvisory(iocs: AdvisoryIocs): boolean {
  return iocs.hashes.hashes.length > 1 || iocs.network.iocs.length > 0 || iocs.network.refused.length > 0;
}

/** Why a hash is not offered for blocking (the empty-content hashes), or undefined. */
export const benignFileHash = (hash: FoundHash): string | undefined => benignHash(hash.value);
