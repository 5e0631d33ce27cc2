import type { FileProfileResult, MdeClient } from '../../src/mde/client';
import type { MdeAlert } from '../../src/mde/alert';
import type { MdeFile } from '../../src/mde/file';
import type { MdeFileStats } from '../../src/mde/file-stats';
import type { MdeMachine } from '../../src/mde/machine';

/** A demo tenant for a fake client: what each endpoint answers; anything missing is "not found". */
export interface FakeMdeData {
  /** Found by their sha1 or sha256. */
  files?: MdeFile[];
  /** By SHA-1. */
  fileMachines?: Record<string, MdeMachine[]>;
  fileAlerts?: Record<string, MdeAlert[]>;
  fileStats?: Record<string, MdeFileStats>;
  /** By alert id. */
  alerts?: Record<string, { alert: MdeAlert; files: MdeFile[]; machine: MdeMachine | null }>;
  /** Devices getMachine finds by their exact id, besides those in `fileMachines` and `alerts`. */
  machines?: MdeMachine[];
}

export interface FakeMdeCall {
  method: keyof MdeClient;
  arg: unknown;
}

export type FakeMdeClient = MdeClient & { calls: FakeMdeCall[]; callsTo(method: keyof MdeClient): unknown[] };

/**
 * An in-memory MdeClient for unit tests: answers from `data`, records every call, and lets a test
 * replace any method (e.g. one that throws an MdeError). Never wired in main.
 */
export function fakeMdeClient(data: FakeMdeData = {}, overrides: Partial<MdeClient> = {}): FakeMdeClient {
  const calls: FakeMdeCall[] = [];
  const fileBy = (hash: string): MdeFile | null =>
    (data.files ?? []).find((f) => f.sha1?.toLowerCase() === hash.toLowerCase() || f.sha256?.toLowerCase() === hash.toLowerCase()) ?? null;
  const knownMachines = (): MdeMachine[] => [
    ...(data.machines ?? []),
    ...Object.values(data.fileMachines ?? {}).flat(),
    ...Object.values(data.alerts ?? {}).flatMap((a) => (a.machine ? [a.machine] : [])),
  ];
  const base: MdeClient = {
    getFile: async (hash) => fileBy(hash),
    getFileStats: async (sha1) => data.fileStats?.[sha1] ?? null,
    getFileMachines: async (sha1) => data.fileMachines?.[sha1] ?? [],
    getFileAlerts: async (sha1) => data.fileAlerts?.[sha1] ?? [],
    getAlert: async (id) => data.alerts?.[id]?.alert ?? null,
    getAlertFiles: async (id) => data.alerts?.[id]?.files ?? null,
    getAlertMachine: async (id) => data.alerts?.[id]?.machine ?? null,
    getMachine: async (id) => knownMachines().find((m) => m.id.toLowerCase() === id.toLowerCase()) ?? null,
    getFileProfiles: async (hashes) => hashes.map((hash): FileProfileResult => ({ hash, file: fileBy(hash) })),
    // Files with that md5 are "seen in the org" on one device; other MD5s were never seen.
    resolveMd5s: async (md5s) =>
      md5s.map((md5) => ({
        md5: md5.toLowerCase(),
        files: (data.files ?? [])
          .filter((f) => f.md5?.toLowerCase() === md5.toLowerCase())
          .map((f) => ({ sha1: f.sha1 ?? null, sha256: f.sha256 ?? null, deviceCount: 1, deviceNames: ['fake-device'], seenIn: ['DeviceFileEvents'], lastSeen: null })),
      })),
  };
  const impl = { ...base, ...overrides };
  const recorded = Object.fromEntries(
    (Object.keys(base) as (keyof MdeClient)[]).map((method) => [
      method,
      (arg: unknown, ...rest: unknown[]) => {
        calls.push({ method, arg });
        return (impl[method] as (...a: unknown[]) => unknown)(arg, ...rest);
      },
    ]),
  ) as unknown as MdeClient;
  return { ...recorded, calls, callsTo: (method) => calls.filter((c) => c.method === method).map((c) => c.arg) };
}
