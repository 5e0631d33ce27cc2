import { DEMO_ALERTS } from './demo-alerts';
import { DEMO_FILE_STATS } from './demo-file-stats';
import { DEMO_FILES, DEMO_PROFILE_ERROR_FILE } from './demo-files';
import { DEMO_MACHINES } from './demo-machines';
import type { CatalogueData } from './mde/catalogue';
import { syntheticFile, type SyntheticFiles } from './synthetic-files';
import { syntheticMachines } from './synthetic-machines';

/**
 * The demo tenant as the MDE API sees it. Where files were seen: EICAR and the FusionCore
 * installer on workstation-07 (alert `da637472900382838869_1364969609`), the installer also on
 * laptop-12 (no alert), the rare service binary on build-server-02 (alert
 * `636688558380765161_2136280442`), and notepad.exe everywhere. Besides the three demo devices,
 * a fleet of made-up ones (synthetic-machines.ts) for bulk device actions; no file is seen there.
 */
export function demoCatalogue(synthetic?: boolean | SyntheticFiles): CatalogueData {
  const machines = Object.values(DEMO_MACHINES);
  return {
    files: [...Object.values(DEMO_FILES).map((d) => d.file), DEMO_PROFILE_ERROR_FILE.file],
    stats: DEMO_FILE_STATS,
    alerts: Object.values(DEMO_ALERTS),
    machines: [...machines, ...syntheticMachines()],
    sightings: [
      { sha1: DEMO_FILES.pua.sha1, machineId: DEMO_MACHINES.laptop.id },
      ...machines.map((m) => ({ sha1: DEMO_FILES.clean.sha1, machineId: m.id })),
      { sha1: DEMO_PROFILE_ERROR_FILE.sha1, machineId: DEMO_MACHINES.workstation.id },
    ],
    profileErrors: [DEMO_PROFILE_ERROR_FILE.sha1, DEMO_PROFILE_ERROR_FILE.sha256],
    synthetic: synthetic === true ? syntheticFile : synthetic || undefined,
  };
}
