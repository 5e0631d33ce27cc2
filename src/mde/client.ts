import type { MdeFile } from './file';
import type { MdeAlert } from './alert';
import type { MdeMachine } from './machine';
import type { MdeFileStats } from './file-stats';

export interface CallOptions {
  signal?: AbortSignal;
}

/**
 * One hash's profile from advanced hunting's FileProfile(). `file` null with no `unavailable`:
 * MDE has no profile for it (ProfileAvailability `Missing`), as good as a 404 from getFile.
 * `unavailable: true` (file always null): hunting could not say (`Error`, an empty availability,
 * or no row for the hash); ask getFile for that hash instead of calling it not found.
 */
export interface FileProfileResult {
  /** The hash as asked (lower-case SHA-1 or SHA-256). */
  hash: string;
  file: MdeFile | null;
  unavailable?: true;
}

/** A file seen in the org with a given MD5 (from device file, process and image-load events, last 30 days). */
export interface Md5Sighting {
  /** Lower-case hex; either may be null when hunting did not record it, never both. */
  sha1: string | null;
  sha256: string | null;
  /** Distinct devices that had it. */
  deviceCount: number;
  /** A few of their names (outside data: escape before showing). */
  deviceNames: string[];
  /** The tables it was seen in, e.g. DeviceProcessEvents. */
  seenIn: string[];
  lastSeen: string | null;
}

export interface Md5Resolution {
  /** Lower-case, as asked. */
  md5: string;
  /** Most widely seen first; empty: no device in the org saw this MD5 in the last 30 days. */
  files: Md5Sighting[];
}

/**
 * The MDE operations the bot uses. Implementation: `createHttpMdeClient` (fetch-based), optionally
 * wrapped by the caching/coalescing decorator. Every method throws MdeError on failure.
 */
export interface MdeClient {
  /** GET /api/files/{sha1|sha256}; null on 404. */
  getFile(hash: string, options?: CallOptions): Promise<MdeFile | null>;
  /** GET /api/files/{sha1}/stats (SHA-1 only); null on 404. */
  getFileStats(sha1: string, options?: CallOptions & { lookBackHours?: number }): Promise<MdeFileStats | null>;
  /** GET /api/files/{sha1}/machines (SHA-1 only); [] for an unknown file. */
  getFileMachines(sha1: string, options?: CallOptions): Promise<MdeMachine[]>;
  /** GET /api/files/{sha1}/alerts (SHA-1 only); [] for an unknown file. */
  getFileAlerts(sha1: string, options?: CallOptions): Promise<MdeAlert[]>;
  /** GET /api/alerts/{id}; null on 404 (unknown, or outside retention). */
  getAlert(alertId: string, options?: CallOptions): Promise<MdeAlert | null>;
  /** GET /api/alerts/{id}/files; null on 404. */
  getAlertFiles(alertId: string, options?: CallOptions): Promise<MdeFile[] | null>;
  /** GET /api/alerts/{id}/machine; null on 404 (alert or device not found). */
  getAlertMachine(alertId: string, options?: CallOptions): Promise<MdeMachine | null>;
  /**
   * GET /api/machines/{id} by the exact 40-hex device id (never a computer name); null on 404 or
   * when MDE answers with another device. A value that is not 40 hex fails as bad-request
   * (InvalidInput) before anything is sent.
   */
  getMachine(machineId: string, options?: CallOptions): Promise<MdeMachine | null>;
  /**
   * Advanced hunting: `datatable(...) | invoke FileProfile(...)` for up to 1,000 SHA-1/SHA-256
   * values per query (POST /api/advancedqueries/run; larger lists are split). One result per input
   * hash, in input order. A value that is not SHA-1/SHA-256 hex fails the call as bad-request
   * (InvalidHashValue) before anything is sent. Throws MdeError (forbidden / bad-request) when
   * hunting is refused, so callers can fall back to getFile per hash. Files from hunting carry
   * `threatName` (FileProfile's ThreatName) and no determinationType/determinationValue.
   */
  getFileProfiles(hashes: readonly string[], options?: CallOptions): Promise<FileProfileResult[]>;
  /**
   * Advanced hunting: the SHA-1/SHA-256 of files with these MD5s seen on the org's devices in the
   * last 30 days (DeviceFileEvents, DeviceProcessEvents, DeviceImageLoadEvents), one query per
   * ≤1,000 MD5s. One result per input, in input order. A value that is not an MD5 fails as
   * bad-request before anything is sent; a refused hunting call throws MdeError (forbidden…).
   */
  resolveMd5s(md5s: readonly string[], options?: CallOptions): Promise<Md5Resolution[]>;
}
