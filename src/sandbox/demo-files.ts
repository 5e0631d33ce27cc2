import { createHash } from 'node:crypto';

/**
 * The MDE File entity as GET /api/files/{id} returns it (reference §1), every field present and
 * null where MDE sends null. `md5` is not in the documented property table, but live responses
 * carry it (as does the alert-files example), so the sandbox sends it too.
 */
export type MdeFileEntity = {
  sha1: string;
  sha256: string;
  md5: string | null;
  globalPrevalence: number | null;
  globalFirstObserved: string;
  globalLastObserved: string;
  size: number | null;
  fileType: string | null;
  isPeFile: boolean;
  filePublisher: string | null;
  fileProductName: string | null;
  signer: string | null;
  issuer: string | null;
  signerHash: string | null;
  isValidCertificate: boolean | null;
  determinationType: string;
  determinationValue: string | null;
};

export interface DemoFile {
  label: string;
  sha1: string;
  sha256: string;
  md5: string;
  file: MdeFileEntity;
}

/**
 * Hashes of made-up files: digests of a fixed seed, so they are valid, stable across runs and
 * distinct, and belong to no real file someone could go looking for.
 */
const digests = (seed: string) => ({
  sha1: createHash('sha1').update(seed).digest('hex'),
  sha256: createHash('sha256').update(seed).digest('hex'),
  md5: createHash('md5').update(seed).digest('hex'),
});
const sha1Of = (seed: string): string => createHash('sha1').update(seed).digest('hex');

function demoFile(label: string, hashes: { sha1: string; sha256: string; md5: string }, rest: Omit<MdeFileEntity, 'sha1' | 'sha256' | 'md5'>): DemoFile {
  const file: MdeFileEntity = Object.freeze({ sha1: hashes.sha1, sha256: hashes.sha256, md5: hashes.md5, ...rest });
  return Object.freeze({ label, ...hashes, file });
}

// The real EICAR test file: every AV product, MDE included, detects it by design. Its bytes are
// deliberately not in this repository (they would trip scanners); only its well-known hashes are.
const malware = demoFile(
  'EICAR test file (malware)',
  {
    sha1: '3395856ce81f2b7382dee72602f798b642f14140',
    sha256: '275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f',
    md5: '44d88612fea8a8f36de82e1278abb02f',
  },
  {
    globalPrevalence: 1_873_402,
    globalFirstObserved: '2013-03-12T04:17:52.1630713Z',
    globalLastObserved: '2025-11-02T08:41:13.5530218Z',
    size: 68,
    fileType: null,
    isPeFile: false,
    filePublisher: null,
    fileProductName: null,
    signer: null,
    issuer: null,
    signerHash: null,
    isValidCertificate: null,
    determinationType: 'Malware',
    determinationValue: 'Virus:DOS/EICAR_Test_File',
  },
);

// Shaped like the documented PUA example (FusionCore bundler, certificate that fails validation),
// under a fictional publisher rather than the real company the docs name.
const pua = demoFile('FusionCore bundled installer (potentially unwanted)', digests('verdict-sandbox/pua/FusionCoreSetup.exe'), {
  globalPrevalence: 180_022,
  globalFirstObserved: '2017-09-19T03:51:27.6785431Z',
  globalLastObserved: '2025-10-06T03:59:21.3229314Z',
  size: 22_139_496,
  fileType: 'APP',
  isPeFile: true,
  filePublisher: 'Northwind Download Tools Ltd.',
  fileProductName: 'FusionCore Installer',
  signer: 'Northwind Download Tools Ltd.',
  issuer: 'VeriSign Class 3 Code Signing 2010 CA',
  signerHash: sha1Of('verdict-sandbox/signer/northwind-download-tools'),
  isValidCertificate: false,
  determinationType: 'Pua',
  determinationValue: 'PUA:Win32/FusionCore',
});

// A notepad.exe-like profile: Microsoft-signed, seen on millions of machines.
const clean = demoFile('notepad.exe (clean, Microsoft-signed)', digests('verdict-sandbox/clean/notepad.exe'), {
  globalPrevalence: 48_213_577,
  globalFirstObserved: '2021-10-05T17:02:44.1184127Z',
  globalLastObserved: '2025-11-03T11:26:09.7721356Z',
  size: 201_216,
  fileType: 'APP',
  isPeFile: true,
  filePublisher: 'Microsoft Corporation',
  fileProductName: 'Microsoft® Windows® Operating System',
  signer: 'Microsoft Windows',
  issuer: 'Microsoft Windows Production PCA 2011',
  signerHash: sha1Of('verdict-sandbox/signer/microsoft-windows'),
  isValidCertificate: true,
  determinationType: 'Clean',
  determinationValue: null,
});

// Modelled on a live response for a rarely seen, unsigned binary: every signing field is null.
const unknown = demoFile('rarely seen unsigned tool (unknown)', digests('verdict-sandbox/unknown/svc-helper.exe'), {
  globalPrevalence: 3,
  globalFirstObserved: '2025-10-28T22:14:05.0135204Z',
  globalLastObserved: '2025-11-01T06:43:20.0489831Z',
  size: 391_680,
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
});

export const DEMO_FILES: Readonly<{ malware: DemoFile; pua: DemoFile; clean: DemoFile; unknown: DemoFile }> = Object.freeze({
  malware,
  pua,
  clean,
  unknown,
});

/** A valid SHA-256 the sandbox has never seen: GET /api/files answers 404. */
export const DEMO_NOT_FOUND_SHA256: string = createHash('sha256').update('verdict-sandbox/never-seen').digest('hex');

/**
 * A file the Files API knows but advanced hunting cannot profile: FileProfile() answers
 * `ProfileAvailability: "Error"` for it, as it does on a query error or timeout. It is how tests
 * and demos exercise the per-hash fallback from hunting to GET /api/files/{id}. Not in DEMO_FILES.
 */
export const DEMO_PROFILE_ERROR_FILE: DemoFile = demoFile('report-viewer.dll (hunting cannot profile it)', digests('verdict-sandbox/profile-error/report-viewer.dll'), {
  globalPrevalence: 2_417,
  globalFirstObserved: '2022-04-19T13:05:51.3380912Z',
  globalLastObserved: '2025-10-30T17:22:08.9046631Z',
  size: 1_184_256,
  fileType: 'APP',
  isPeFile: true,
  filePublisher: 'Contoso Reporting Ltd.',
  fileProductName: 'Contoso Report Viewer',
  signer: 'Contoso Reporting Ltd.',
  issuer: 'DigiCert Trusted G4 Code Signing RSA4096 SHA384 2021 CA1',
  signerHash: sha1Of('verdict-sandbox/signer/contoso-reporting'),
  isValidCertificate: true,
  determinationType: 'Unknown',
  determinationValue: null,
});
