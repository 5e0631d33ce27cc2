import type { DemoAlert, MdeAlertEntity } from '../demo-alerts';
import { fileStats, type MdeFileStatsEntity } from '../demo-file-stats';
import type { MdeFileEntity } from '../demo-files';
import type { MdeMachineEntity } from '../demo-machines';
import type { SyntheticFiles } from '../synthetic-files';

/** What the sandbox's MDE knows: files, their stats, alerts, devices, and how they relate. */
export interface CatalogueData {
  files: readonly MdeFileEntity[];
  /** By SHA-1. Catalogue files without an entry get stats derived from the file. */
  stats: ReadonlyMap<string, MdeFileStatsEntity>;
  alerts: readonly DemoAlert[];
  machines: readonly MdeMachineEntity[];
  /** Files seen on a device without an alert there (GET /api/files/{sha1}/machines lists them too). */
  sightings: readonly { sha1: string; machineId: string }[];
  /** Hashes FileProfile() cannot profile: it answers ProfileAvailability "Error" for them. */
  profileErrors: readonly string[];
  /** Files made up on demand for hashes not in `files` (benchmarks). */
  synthetic?: SyntheticFiles;
}

export type ProfileAvailability = 'Available' | 'Missing' | 'Error';

export interface MdeCatalogue {
  /** By SHA-1 or SHA-256, any case. */
  file(hash: string): MdeFileEntity | undefined;
  /** By MD5, any case; listed files only (synthetic ones are made up per SHA, never by MD5). */
  fileByMd5(md5: string): MdeFileEntity | undefined;
  fileStats(sha1: string): MdeFileStatsEntity | undefined;
  fileMachines(sha1: string): MdeMachineEntity[];
  fileAlerts(sha1: string): MdeAlertEntity[];
  alert(id: string): DemoAlert | undefined;
  machine(id: string): MdeMachineEntity | undefined;
  /** By computerDnsName, any case (GET /api/machines/{id} takes a computer name too). */
  machineByName(name: string): MdeMachineEntity | undefined;
  /** Every device, demo ones first (hunting's DeviceInfo, GET /api/machines). */
  machines(): readonly MdeMachineEntity[];
  profileAvailability(hash: string): ProfileAvailability;
}

/** Synthetic files remembered (so the derived hash finds the same file); oldest forgotten beyond this. */
const MAX_REMEMBERED = 200_000;

export function createCatalogue(data: CatalogueData): MdeCatalogue {
  const byHash = new Map<string, MdeFileEntity>();
  for (const file of data.files) {
    byHash.set(file.sha1.toLowerCase(), file);
    byHash.set(file.sha256.toLowerCase(), file);
  }
  const byMd5 = new Map(data.files.filter((f) => f.md5).map((f) => [(f.md5 as string).toLowerCase(), f]));
  const machines = new Map(data.machines.map((m) => [m.id.toLowerCase(), m]));
  const machinesByName = new Map(data.machines.map((m) => [m.computerDnsName.toLowerCase(), m]));
  const alerts = new Map(data.alerts.map((a) => [a.alert.id, a]));
  const profileErrors = new Set(data.profileErrors.map((h) => h.toLowerCase()));
  const remembered = new Map<string, MdeFileEntity | null>();

  const synthesize = (hash: string): MdeFileEntity | undefined => {
    if (!data.synthetic) return undefined;
    if (remembered.has(hash)) return remembered.get(hash) ?? undefined;
    const made = data.synthetic(hash);
    for (const key of made ? [made.sha1.toLowerCase(), made.sha256.toLowerCase()] : [hash]) remembered.set(key, made);
    while (remembered.size > MAX_REMEMBERED) remembered.delete(remembered.keys().next().value as string);
    return made ?? undefined;
  };

  const file = (hash: string) => {
    const key = hash.toLowerCase();
    return byHash.get(key) ?? synthesize(key);
  };

  const alertsWith = (sha1: string) => data.alerts.filter((a) => a.files.some((f) => f.sha1 === sha1.toLowerCase()));

  return {
    file,
    fileByMd5: (md5) => byMd5.get(md5.toLowerCase()),
    fileStats(sha1) {
      const known = data.stats.get(sha1.toLowerCase());
      if (known) return known;
      const found = file(sha1);
      if (!found) return undefined;
      const prevalence = found.globalPrevalence ?? 1;
      const orgTime = found.globalLastObserved.replace(/\.\d+Z$/, 'Z');
      return fileStats(found, { organizationPrevalence: 1 + (prevalence % 40), orgFirstSeen: orgTime, orgLastSeen: orgTime, topFileNames: [] });
    },
    fileMachines(sha1) {
      const ids = new Set([...alertsWith(sha1).map((a) => a.alert.machineId), ...data.sightings.filter((s) => s.sha1 === sha1.toLowerCase()).map((s) => s.machineId)]);
      return [...ids].map((id) => machines.get(id.toLowerCase())).filter((m): m is MdeMachineEntity => m !== undefined);
    },
    fileAlerts: (sha1) => alertsWith(sha1).map((a) => a.alert),
    alert: (id) => alerts.get(id),
    machine: (id) => machines.get(id.toLowerCase()),
    machineByName: (name) => machinesByName.get(name.toLowerCase()),
    machines: () => data.machines,
    profileAvailability(hash) {
      const key = hash.toLowerCase();
      if (profileErrors.has(key)) return 'Error';
      return file(key) ? 'Available' : 'Missing';
    },
  };
}
