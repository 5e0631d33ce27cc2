import { DEMO_FILES, DEMO_PROFILE_ERROR_FILE, type DemoFile, type MdeFileEntity } from './demo-files';

/**
 * GET /api/files/{sha1}/stats as MDE answers it (reference §2c), with MDE's own odd names:
 * `organizationPrevalence` and `globallyPrevalence`. Org times are whole seconds in the docs'
 * example, global ones carry seven fractional digits; kept that way.
 */
export type MdeFileStatsEntity = {
  sha1: string;
  organizationPrevalence: number;
  orgFirstSeen: string | null;
  orgLastSeen: string | null;
  globallyPrevalence: number | null;
  globalFirstObserved: string;
  globalLastObserved: string;
  topFileNames: string[];
};

type OrgView = Pick<MdeFileStatsEntity, 'organizationPrevalence' | 'orgFirstSeen' | 'orgLastSeen' | 'topFileNames'>;

export function fileStats(file: MdeFileEntity, org: OrgView): MdeFileStatsEntity {
  return {
    sha1: file.sha1,
    organizationPrevalence: org.organizationPrevalence,
    orgFirstSeen: org.orgFirstSeen,
    orgLastSeen: org.orgLastSeen,
    globallyPrevalence: file.globalPrevalence,
    globalFirstObserved: file.globalFirstObserved,
    globalLastObserved: file.globalLastObserved,
    topFileNames: [...org.topFileNames],
  };
}

const entry = (demo: DemoFile, org: OrgView): [string, MdeFileStatsEntity] => [demo.sha1, Object.freeze(fileStats(demo.file, org))];

/** By SHA-1 (the only id the stats endpoint takes). */
export const DEMO_FILE_STATS: ReadonlyMap<string, MdeFileStatsEntity> = new Map([
  entry(DEMO_FILES.malware, { organizationPrevalence: 1, orgFirstSeen: '2025-11-02T08:41:13Z', orgLastSeen: '2025-11-02T08:41:13Z', topFileNames: ['eicar.com'] }),
  entry(DEMO_FILES.pua, { organizationPrevalence: 2, orgFirstSeen: '2025-09-14T10:02:55Z', orgLastSeen: '2025-11-02T08:41:13Z', topFileNames: ['FusionCoreSetup.exe', 'fusioncore_setup(1).exe'] }),
  entry(DEMO_FILES.clean, { organizationPrevalence: 412, orgFirstSeen: '2025-10-03T00:00:12Z', orgLastSeen: '2025-11-03T11:26:09Z', topFileNames: ['notepad.exe'] }),
  entry(DEMO_FILES.unknown, { organizationPrevalence: 1, orgFirstSeen: '2025-11-01T06:43:20Z', orgLastSeen: '2025-11-01T06:43:20Z', topFileNames: ['svc-helper.exe'] }),
  entry(DEMO_PROFILE_ERROR_FILE, { organizationPrevalence: 37, orgFirstSeen: '2025-10-04T08:15:40Z', orgLastSeen: '2025-10-30T17:22:08Z', topFileNames: ['report-viewer.dll'] }),
]);
