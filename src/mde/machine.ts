import { z } from 'zod';

/**
 * The MDE Machine entity (GET /api/machines/{id}, /api/alerts/{id}/machine, /api/files/{sha1}/machines).
 * Lenient: nullable fields, extra fields pass. `rbacGroupId` is typed String in the property table
 * but a number (140) in the list example, so both are accepted. The table spells the onboarding
 * field `onboardingstatus`; the $filter list and live answers use `onboardingStatus`.
 */
const str = z.string().nullish();

export const mdeMachineSchema = z
  .object({
    id: z.string(),
    computerDnsName: str,
    firstSeen: str,
    lastSeen: str,
    osPlatform: str,
    version: str,
    osProcessor: str,
    osArchitecture: str,
    osBuild: z.number().nullish(),
    onboardingStatus: str,
    healthStatus: str,
    deviceValue: str,
    riskScore: str,
    exposureLevel: str,
    lastIpAddress: str,
    lastExternalIpAddress: str,
    rbacGroupId: z.union([z.string(), z.number()]).nullish(),
    rbacGroupName: str,
    isAadJoined: z.boolean().nullish(),
    aadDeviceId: str,
    machineTags: z.array(z.string()).nullish(),
    ipAddresses: z.array(z.object({ ipAddress: str, macAddress: str, operationalStatus: str }).passthrough()).nullish(),
  })
  .passthrough();

export type MdeMachine = z.infer<typeof mdeMachineSchema>;
