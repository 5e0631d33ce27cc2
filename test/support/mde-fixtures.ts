import { createHash } from 'node:crypto';
import type { MdeAlert } from '../../src/mde/alert';
import type { MdeFile } from '../../src/mde/file';
import type { MdeMachine } from '../../src/mde/machine';
import { DEMO_FILES, type MdeFileEntity } from '../../src/sandbox/demo-tenant';

/** Entities shaped as MDE sends them (hashes always present), for unit tests with the fake client. */
export const FILES: Readonly<Record<'malware' | 'pua' | 'clean' | 'unknown', MdeFileEntity & { md5: string }>> = {
  malware: { ...DEMO_FILES.malware.file, md5: DEMO_FILES.malware.md5 },
  pua: { ...DEMO_FILES.pua.file, md5: DEMO_FILES.pua.md5 },
  clean: { ...DEMO_FILES.clean.file, md5: DEMO_FILES.clean.md5 },
  unknown: { ...DEMO_FILES.unknown.file, md5: DEMO_FILES.unknown.md5 },
};

export const hex = (seed: string, algorithm: 'sha1' | 'sha256' | 'md5'): string => createHash(algorithm).update(seed).digest('hex');

/** A made-up file with a given determination; distinct per seed. */
export function fileFor(seed: string, fields: Partial<MdeFile> = {}): MdeFile {
  return {
    sha1: hex(seed, 'sha1'),
    sha256: hex(seed, 'sha256'),
    md5: hex(seed, 'md5'),
    globalPrevalence: 12,
    globalFirstObserved: '2025-01-02T03:04:05Z',
    globalLastObserved: '2025-02-03T04:05:06Z',
    size: 1024,
    fileType: null,
    isPeFile: true,
    filePublisher: null,
    fileProductName: null,
    signer: null,
    issuer: null,
    signerHash: null,
    isValidCertificate: null,
    determinationType: 'Unknown',
    determinationValue: null,
    ...fields,
  };
}

export const ALERT_ID = 'da637472900382838869_1364969609';

export const MACHINE: MdeMachine = {
  id: '1e5bc9d7e413ddd7902c2932e418702b84d0cc07',
  computerDnsName: 'workstation-07.verdict-demo.example',
  osPlatform: 'Windows11',
  version: '23H2',
  osBuild: 22631,
  healthStatus: 'Active',
  riskScore: 'High',
  exposureLevel: 'Medium',
  lastSeen: '2025-11-02T08:45:00Z',
  firstSeen: '2024-03-01T10:00:00Z',
  lastIpAddress: '10.0.0.7',
  lastExternalIpAddress: null,
  rbacGroupName: 'Workstations',
  aadDeviceId: null,
  machineTags: [],
};

export const ALERT: MdeAlert = {
  id: ALERT_ID,
  incidentId: 42,
  title: "'EICAR_Test_File' malware was detected",
  description: 'Malware was detected on the device.',
  severity: 'High',
  status: 'New',
  category: 'Malware',
  detectionSource: 'WindowsDefenderAv',
  threatFamilyName: 'EICAR_Test_File',
  threatName: 'Virus:DOS/EICAR_Test_File',
  machineId: MACHINE.id,
  computerDnsName: MACHINE.computerDnsName,
  alertCreationTime: '2025-11-02T08:41:13.553Z',
  firstEventTime: '2025-11-02T08:40:00Z',
  lastEventTime: '2025-11-02T08:41:00Z',
  lastUpdateTime: '2025-11-02T08:42:00Z',
  assignedTo: null,
  classification: null,
  determination: null,
};
