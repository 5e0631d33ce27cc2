import { createHash } from 'node:crypto';

/**
 * The MDE Machine entity as the sandbox answers it: every documented field (reference §4, the
 * machine.md table and the get-machines / alert-machine examples), null where MDE sends null.
 * `rbacGroupId` is a number as in the list example (the table says String); the onboarding field
 * is spelt `onboardingStatus`, as the $filter list has it (the table's `onboardingstatus` is a typo).
 */
export type MdeMachineEntity = {
  id: string;
  computerDnsName: string;
  firstSeen: string;
  lastSeen: string;
  osPlatform: string;
  version: string | null;
  osProcessor: string;
  lastIpAddress: string | null;
  lastExternalIpAddress: string | null;
  osBuild: number | null;
  healthStatus: string;
  deviceValue: string | null;
  rbacGroupId: number | null;
  rbacGroupName: string | null;
  riskScore: string | null;
  exposureLevel: string | null;
  isAadJoined: boolean;
  aadDeviceId: string | null;
  machineTags: string[];
  onboardingStatus: string;
  osArchitecture: string | null;
  ipAddresses: { ipAddress: string; macAddress: string; operationalStatus: string }[];
};

/** Device ids are 40 hex characters; these are digests of a name, so stable and clearly made up. */
const deviceId = (name: string) => createHash('sha1').update(`verdict-sandbox/machine/${name}`).digest('hex');

const freeze = (m: MdeMachineEntity): MdeMachineEntity =>
  Object.freeze({ ...m, machineTags: Object.freeze([...m.machineTags]) as string[], ipAddresses: Object.freeze(m.ipAddresses.map((a) => Object.freeze({ ...a }))) as MdeMachineEntity['ipAddresses'] });

/** The analyst's workstation where EICAR and the FusionCore installer were caught. */
const workstation = freeze({
  id: deviceId('workstation-07'),
  computerDnsName: 'workstation-07.verdict-demo.example',
  firstSeen: '2024-02-12T09:14:31.2094812Z',
  lastSeen: '2025-11-02T07:58:40.6617325Z',
  osPlatform: 'Windows11',
  version: '23H2',
  osProcessor: 'x64',
  lastIpAddress: '10.20.7.41',
  lastExternalIpAddress: '203.0.113.17',
  osBuild: 22631,
  healthStatus: 'Active',
  deviceValue: 'Normal',
  rbacGroupId: 140,
  rbacGroupName: 'Finance workstations',
  riskScore: 'High',
  exposureLevel: 'Medium',
  isAadJoined: true,
  aadDeviceId: '6f2d9c41-8e37-4b1a-a5d0-2c7e9b3f1a64',
  machineTags: ['Finance', 'VIP'],
  onboardingStatus: 'Onboarded',
  osArchitecture: '64-bit',
  ipAddresses: [
    { ipAddress: '10.20.7.41', macAddress: '00155D8C1A07', operationalStatus: 'Up' },
    { ipAddress: 'fe80::5d2a:91c4:7e13:be07', macAddress: '00155D8C1A07', operationalStatus: 'Up' },
  ],
});

/** A domain-joined build server (not Entra-joined: no aadDeviceId) where the rare binary ran. */
const buildServer = freeze({
  id: deviceId('build-server-02'),
  computerDnsName: 'build-server-02.verdict-demo.example',
  firstSeen: '2023-06-30T15:02:11.5530127Z',
  lastSeen: '2025-11-01T22:31:09.0184452Z',
  osPlatform: 'WindowsServer2022',
  version: '21H2',
  osProcessor: 'x64',
  lastIpAddress: '10.20.1.12',
  lastExternalIpAddress: null,
  osBuild: 20348,
  healthStatus: 'Active',
  deviceValue: 'High',
  rbacGroupId: 211,
  rbacGroupName: 'Servers',
  riskScore: 'Medium',
  exposureLevel: 'High',
  isAadJoined: false,
  aadDeviceId: null,
  machineTags: ['Build'],
  onboardingStatus: 'Onboarded',
  osArchitecture: '64-bit',
  ipAddresses: [{ ipAddress: '10.20.1.12', macAddress: '00155D8C0102', operationalStatus: 'Up' }],
});

/** A laptop that has been off the network for a while; the FusionCore installer was seen on it too. */
const laptop = freeze({
  id: deviceId('laptop-12'),
  computerDnsName: 'laptop-12.verdict-demo.example',
  firstSeen: '2024-09-03T11:40:57.0047718Z',
  lastSeen: '2025-10-06T04:12:36.9902113Z',
  osPlatform: 'Windows10',
  version: '22H2',
  osProcessor: 'x64',
  lastIpAddress: '192.168.1.23',
  lastExternalIpAddress: '198.51.100.88',
  osBuild: 19045,
  healthStatus: 'Inactive',
  deviceValue: 'Normal',
  rbacGroupId: 140,
  rbacGroupName: 'Finance workstations',
  riskScore: 'Low',
  exposureLevel: 'Low',
  isAadJoined: true,
  aadDeviceId: '0b8e5a17-3c92-4d6f-8e41-7a2d5c9e3b08',
  machineTags: [],
  onboardingStatus: 'Onboarded',
  osArchitecture: '64-bit',
  ipAddresses: [{ ipAddress: '192.168.1.23', macAddress: 'F8E43B12C5A9', operationalStatus: 'Up' }],
});

export const DEMO_MACHINES: Readonly<{ workstation: MdeMachineEntity; buildServer: MdeMachineEntity; laptop: MdeMachineEntity }> = Object.freeze({
  workstation,
  buildServer,
  laptop,
});
