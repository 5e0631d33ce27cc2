import type { MdeFileEntity } from '../demo-files';
import type { ProfileAvailability } from './catalogue';
import type { ProfileColumn } from './hunting-query-parser';

/** FileProfile()'s columns (reference §5) with advanced hunting's type names, in the docs' order. */
export const FILE_PROFILE_SCHEMA: readonly { Name: string; Type: string }[] = Object.freeze([
  { Name: 'SHA1', Type: 'String' },
  { Name: 'SHA256', Type: 'String' },
  { Name: 'MD5', Type: 'String' },
  { Name: 'FileSize', Type: 'Int64' },
  { Name: 'GlobalPrevalence', Type: 'Int64' },
  { Name: 'GlobalFirstSeen', Type: 'DateTime' },
  { Name: 'GlobalLastSeen', Type: 'DateTime' },
  { Name: 'Signer', Type: 'String' },
  { Name: 'Issuer', Type: 'String' },
  { Name: 'SignerHash', Type: 'String' },
  { Name: 'IsCertificateValid', Type: 'Boolean' },
  { Name: 'IsRootSignerMicrosoft', Type: 'Boolean' },
  { Name: 'SignatureState', Type: 'String' },
  { Name: 'IsExecutable', Type: 'Boolean' },
  { Name: 'ThreatName', Type: 'String' },
  { Name: 'Publisher', Type: 'String' },
  { Name: 'SoftwareName', Type: 'String' },
  { Name: 'ProfileAvailability', Type: 'String' },
]);

function signatureState(file: MdeFileEntity): string {
  if (!file.signer) return 'Unsigned';
  if (file.isValidCertificate === true) return 'SignedValid';
  if (file.isValidCertificate === false) return 'SignedInvalid';
  return 'Unknown';
}

/**
 * One result row. The input column keeps the value as the query gave it; KQL has no null string,
 * so empty text columns are "", while numbers, dates and booleans are null. `availability` ''
 * is FileProfile's empty value (invalid id, or past the record limit).
 */
export function fileProfileRow(idColumn: ProfileColumn, value: string, availability: ProfileAvailability | '', file?: MdeFileEntity): Record<string, unknown> {
  const f = availability === 'Available' ? file : undefined;
  const row: Record<string, unknown> = {
    SHA1: f?.sha1 ?? '',
    SHA256: f?.sha256 ?? '',
    MD5: f?.md5 ?? '',
    FileSize: f?.size ?? null,
    GlobalPrevalence: f?.globalPrevalence ?? null,
    GlobalFirstSeen: f?.globalFirstObserved ?? null,
    GlobalLastSeen: f?.globalLastObserved ?? null,
    Signer: f?.signer ?? '',
    Issuer: f?.issuer ?? '',
    SignerHash: f?.signerHash ?? '',
    IsCertificateValid: f ? f.isValidCertificate : null,
    IsRootSignerMicrosoft: f ? /^Microsoft\b/.test(f.issuer ?? '') : null,
    SignatureState: f ? signatureState(f) : '',
    IsExecutable: f ? f.isPeFile : null,
    ThreatName: f?.determinationValue ?? '',
    Publisher: f?.filePublisher ?? '',
    SoftwareName: f?.fileProductName ?? '',
    ProfileAvailability: availability,
  };
  row[idColumn] = value;
  return row;
}
