import type { MdeFile } from './file';

/**
 * One FileProfile() row read as an MdeFile. FileProfile's columns (reference §5) map onto the
 * File entity's names so that the verdict rules see one shape whichever API answered:
 *
 *   SHA1→sha1, SHA256→sha256, MD5→md5, FileSize→size, GlobalPrevalence→globalPrevalence,
 *   GlobalFirstSeen→globalFirstObserved, GlobalLastSeen→globalLastObserved, Signer→signer,
 *   Issuer→issuer, SignerHash→signerHash, IsCertificateValid→isValidCertificate,
 *   IsExecutable→isPeFile, Publisher→filePublisher, SoftwareName→fileProductName,
 *   ThreatName→threatName.
 *
 * There is no determinationType in hunting; ThreatName carries the detection name instead (the
 * verdict rules read it). KQL sends "" for an empty string column, which becomes null here, like
 * the Files API's nulls. Values of an unexpected type become null rather than failing the batch.
 */
export type ProfileRowOutcome =
  | { availability: 'available'; file: MdeFile }
  /** ProfileAvailability `Missing`: MDE has no information about the file. */
  | { availability: 'missing' }
  /** `Error` (query error or timeout), empty (invalid id or the file limit reached), or unreadable. */
  | { availability: 'unavailable' };

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null);
const hex = (v: unknown): string | null => text(v)?.toLowerCase() ?? null;

function count(v: unknown): number | null {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^\d+$/.test(v)) return Number(v);
  return null;
}

function flag(v: unknown): boolean | null {
  if (typeof v === 'boolean') return v;
  if (v === 1 || v === 0) return v === 1;
  if (typeof v === 'string' && /^(true|false)$/i.test(v)) return v.toLowerCase() === 'true';
  return null;
}

export function mapFileProfileRow(row: Readonly<Record<string, unknown>>): ProfileRowOutcome {
  const availability = typeof row.ProfileAvailability === 'string' ? row.ProfileAvailability.trim().toLowerCase() : '';
  if (availability === 'missing') return { availability: 'missing' };
  if (availability !== 'available') return { availability: 'unavailable' };
  const file: MdeFile = {
    sha1: hex(row.SHA1),
    sha256: hex(row.SHA256),
    md5: hex(row.MD5),
    size: count(row.FileSize),
    globalPrevalence: count(row.GlobalPrevalence),
    globalFirstObserved: text(row.GlobalFirstSeen),
    globalLastObserved: text(row.GlobalLastSeen),
    signer: text(row.Signer),
    issuer: text(row.Issuer),
    signerHash: hex(row.SignerHash),
    isValidCertificate: flag(row.IsCertificateValid),
    isPeFile: flag(row.IsExecutable),
    filePublisher: text(row.Publisher),
    fileProductName: text(row.SoftwareName),
    threatName: text(row.ThreatName),
  };
  return { availability: 'available', file };
}
