import { createHash } from 'node:crypto';
import type { MdeMachineEntity } from './demo-machines';

/** How many made-up devices the demo tenant has besides the three demo ones (bulk actions need ≥ 500). */
export const SYNTHETIC_MACHINE_COUNT = 600;

const OS = [
  { osPlatform: 'Windows11', version: '23H2', osBuild: 22631 },
  { osPlatform: 'Windows10', version: '22H2', osBuild: 19045 },
  { osPlatform: 'WindowsServer2022', version: '21H2', osBuild: 20348 },
  { osPlatform: 'Linux', version: null, osBuild: null },
] as const;
const HEALTH = ['Active', 'Active', 'Active', 'Active', 'Inactive', 'ImpairedCommunication', 'NoSensorData'] as const;
const EXPOSURE = ['Low', 'Medium', 'High', 'None'] as const;
const RISK = ['None', 'Low', 'Medium', 'High', 'Informational'] as const;
const GROUPS = [
  { rbacGroupId: 140, rbacGroupName: 'Finance workstations' },
  { rbacGroupId: 150, rbacGroupName: 'Branch offices' },
  { rbacGroupId: 211, rbacGroupName: 'Servers' },
] as const;

/** The name of the n-th made-up device (1-based): `fleet-0001.verdict-demo.example`. */
export const syntheticMachineName = (n: number): string => `fleet-${String(n).padStart(4, '0')}.verdict-demo.example`;

const idOf = (name: string) => createHash('sha1').update(`verdict-sandbox/machine/${name}`).digest('hex');

/**
 * A fleet of made-up devices for bulk actions, the same every run (everything follows from the
 * index): a mix of OS, health, exposure and device groups, so a device set card has something to
 * show and a hunting query something to filter. Their ids are digests, like the demo devices'.
 */
export function syntheticMachines(count = SYNTHETIC_MACHINE_COUNT): MdeMachineEntity[] {
  const machines: MdeMachineEntity[] = [];
  for (let n = 1; n <= count; n++) {
    const name = syntheticMachineName(n);
    const os = OS[n % OS.length] ?? OS[0];
    const group = os.osPlatform === 'WindowsServer2022' ? GROUPS[2] : (GROUPS[n % 2] ?? GROUPS[0]);
    const octet = (n % 250) + 1;
    const subnet = Math.floor(n / 250) + 40;
    machines.push(
      Object.freeze({
        id: idOf(name),
        computerDnsName: name,
        firstSeen: '2024-01-15T08:00:00Z',
        lastSeen: '2025-11-01T06:00:00Z',
        osPlatform: os.osPlatform,
        version: os.version,
        osProcessor: 'x64',
        lastIpAddress: `10.${subnet}.0.${octet}`,
        lastExternalIpAddress: null,
        osBuild: os.osBuild,
        healthStatus: HEALTH[n % HEALTH.length] ?? 'Active',
        deviceValue: 'Normal',
        rbacGroupId: group.rbacGroupId,
        rbacGroupName: group.rbacGroupName,
        riskScore: RISK[n % RISK.length] ?? 'None',
        exposureLevel: EXPOSURE[n % EXPOSURE.length] ?? 'Low',
        isAadJoined: os.osPlatform !== 'Linux',
        aadDeviceId: null,
        machineTags: n % 10 === 0 ? ['Fleet', 'Pilot'] : ['Fleet'],
        onboardingStatus: 'Onboarded',
        osArchitecture: '64-bit',
        ipAddresses: [{ ipAddress: `10.${subnet}.0.${octet}`, macAddress: `00155D${String(n).padStart(6, '0')}`, operationalStatus: 'Up' }],
      }),
    );
  }
  return machines;
}
