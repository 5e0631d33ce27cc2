import { DEMO_FILES, type DemoFile } from './demo-files';
import { DEMO_MACHINES, type MdeMachineEntity } from './demo-machines';
import { DEMO_TENANT_ID } from './demo-tenant';

/** An evidence item as the Alert entity carries it (reference §2, alerts.md example); unused fields null. */
export type AlertEvidence = {
  entityType: string;
  evidenceCreationTime: string;
  sha1: string | null;
  sha256: string | null;
  fileName: string | null;
  filePath: string | null;
  processId: number | null;
  processCommandLine: string | null;
  processCreationTime: string | null;
  parentProcessId: number | null;
  parentProcessCreationTime: string | null;
  parentProcessFileName: string | null;
  parentProcessFilePath: string | null;
  ipAddress: string | null;
  url: string | null;
  registryKey: string | null;
  registryHive: string | null;
  registryValueType: string | null;
  registryValue: string | null;
  accountName: string | null;
  domainName: string | null;
  userSid: string | null;
  aadUserId: string | null;
  userPrincipalName: string | null;
  detectionStatus: string | null;
};

/** The MDE Alert entity, fields in the order of the docs' example, null where MDE sends null. */
export type MdeAlertEntity = {
  id: string;
  incidentId: number | null;
  investigationId: number | null;
  assignedTo: string | null;
  severity: string;
  status: string;
  classification: string | null;
  determination: string | null;
  investigationState: string;
  detectionSource: string;
  detectorId: string;
  category: string;
  threatFamilyName: string | null;
  title: string;
  description: string;
  alertCreationTime: string;
  firstEventTime: string;
  lastEventTime: string;
  lastUpdateTime: string;
  resolvedTime: string | null;
  machineId: string;
  computerDnsName: string;
  rbacGroupName: string | null;
  aadTenantId: string;
  threatName: string | null;
  mitreTechniques: string[];
  relatedUser: { userName: string; domainName: string } | null;
  comments: { comment: string; createdBy: string; createdTime: string }[];
  evidence: AlertEvidence[];
};

/** An alert and what the sandbox relates to it (its files; its device is `alert.machineId`). */
export interface DemoAlert {
  alert: MdeAlertEntity;
  files: readonly DemoFile[];
}

const NO_EVIDENCE_FIELDS = {
  processId: null, processCommandLine: null, processCreationTime: null, parentProcessId: null, parentProcessCreationTime: null,
  parentProcessFileName: null, parentProcessFilePath: null, ipAddress: null, url: null, registryKey: null, registryHive: null,
  registryValueType: null, registryValue: null, accountName: null, domainName: null, userSid: null, aadUserId: null, userPrincipalName: null,
} as const;

const fileEvidence = (demo: DemoFile, fileName: string, filePath: string, at: string): AlertEvidence => ({
  entityType: 'File', evidenceCreationTime: at, sha1: demo.sha1, sha256: demo.sha256, fileName, filePath, ...NO_EVIDENCE_FIELDS, detectionStatus: 'Detected',
});

function demoAlert(files: DemoFile[], machine: MdeMachineEntity, alert: Omit<MdeAlertEntity, 'machineId' | 'computerDnsName' | 'rbacGroupName' | 'aadTenantId'>): DemoAlert {
  const full: MdeAlertEntity = { ...alert, machineId: machine.id, computerDnsName: machine.computerDnsName, rbacGroupName: machine.rbacGroupName, aadTenantId: DEMO_TENANT_ID };
  // Keys in the documented order, whatever order the spread above produced.
  const ordered = Object.fromEntries(ALERT_FIELD_ORDER.map((k) => [k, full[k]])) as unknown as MdeAlertEntity;
  return Object.freeze({ alert: Object.freeze(ordered), files: Object.freeze([...files]) });
}

const ALERT_FIELD_ORDER: readonly (keyof MdeAlertEntity)[] = [
  'id', 'incidentId', 'investigationId', 'assignedTo', 'severity', 'status', 'classification', 'determination', 'investigationState',
  'detectionSource', 'detectorId', 'category', 'threatFamilyName', 'title', 'description', 'alertCreationTime', 'firstEventTime',
  'lastEventTime', 'lastUpdateTime', 'resolvedTime', 'machineId', 'computerDnsName', 'rbacGroupName', 'aadTenantId', 'threatName',
  'mitreTechniques', 'relatedUser', 'comments', 'evidence',
];

/** EICAR dropped next to a bundled installer on the analyst's workstation: the `/alertfiles` demo. */
const eicar = demoAlert([DEMO_FILES.malware, DEMO_FILES.pua], DEMO_MACHINES.workstation, {
  id: 'da637472900382838869_1364969609',
  incidentId: 1126093,
  investigationId: null,
  assignedTo: null,
  severity: 'High',
  status: 'New',
  classification: null,
  determination: null,
  investigationState: 'Queued',
  detectionSource: 'WindowsDefenderAv',
  detectorId: '0b6a4b6e-91c4-4f2e-8d7a-5c3e1f9a2b71',
  category: 'Malware',
  threatFamilyName: 'EICAR_Test_File',
  title: 'EICAR test file detected',
  description: "Microsoft Defender Antivirus detected the EICAR test file, together with a potentially unwanted installer, in the user's Downloads folder.",
  alertCreationTime: '2025-11-02T08:41:15.1120480Z',
  firstEventTime: '2025-11-02T08:41:13.5530218Z',
  lastEventTime: '2025-11-02T08:41:13.5530218Z',
  lastUpdateTime: '2025-11-02T08:41:16.3Z',
  resolvedTime: null,
  threatName: 'Virus:DOS/EICAR_Test_File',
  mitreTechniques: [],
  relatedUser: { userName: 'alexw', domainName: 'VERDICT-DEMO' },
  comments: [],
  evidence: [
    fileEvidence(DEMO_FILES.malware, 'eicar.com', 'C:\\Users\\alexw\\Downloads', '2025-11-02T08:41:15.42Z'),
    fileEvidence(DEMO_FILES.pua, 'FusionCoreSetup.exe', 'C:\\Users\\alexw\\Downloads', '2025-11-02T08:41:15.42Z'),
  ],
});

/** A rarely seen unsigned binary installed as a service on a build server: nothing is known about it. */
const rareService = demoAlert([DEMO_FILES.unknown], DEMO_MACHINES.buildServer, {
  id: '636688558380765161_2136280442',
  incidentId: 1126101,
  investigationId: 88412,
  assignedTo: 'megan.bowen@verdict-demo.example',
  severity: 'Medium',
  status: 'InProgress',
  classification: null,
  determination: null,
  investigationState: 'Running',
  detectionSource: 'WindowsDefenderAtp',
  detectorId: '7f3c2a91-5e84-4b06-9d1f-3a6e8c2b5d40',
  category: 'Persistence',
  threatFamilyName: null,
  title: 'Suspicious service registration',
  description: 'A rarely seen, unsigned executable was registered as a Windows service.',
  alertCreationTime: '2025-11-01T06:45:07.7381244Z',
  firstEventTime: '2025-11-01T06:43:20.0489831Z',
  lastEventTime: '2025-11-01T06:43:21.9110387Z',
  lastUpdateTime: '2025-11-01T09:12:44.06Z',
  resolvedTime: null,
  threatName: null,
  mitreTechniques: ['T1543.003'],
  relatedUser: { userName: 'svc-build', domainName: 'VERDICT-DEMO' },
  comments: [{ comment: 'Checking with the build team whether this is theirs.', createdBy: 'megan.bowen@verdict-demo.example', createdTime: '2025-11-01T09:12:43.8812210Z' }],
  evidence: [fileEvidence(DEMO_FILES.unknown, 'svc-helper.exe', 'C:\\ProgramData\\BuildAgent', '2025-11-01T06:45:08.13Z')],
});

export const DEMO_ALERTS: Readonly<{ eicar: DemoAlert; rareService: DemoAlert }> = Object.freeze({ eicar, rareService });

/** Well-formed, never issued: GET /api/alerts/{id} answers 404. */
export const DEMO_UNKNOWN_ALERT_ID = 'da638000000000000000_1000000001';
