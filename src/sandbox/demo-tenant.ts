/**
 * The sandbox's demo tenant: fixed ids that `npm start`, tests and e2e scripts can print and rely
 * on. Only the client secret is not here: the sandbox makes a new one at every start.
 */
export { DEMO_FILES, DEMO_NOT_FOUND_SHA256, type DemoFile, type MdeFileEntity } from './demo-files';
/** The portal-made Block already on the PUA file's SHA-256 ("already blocked" demo), and its author. */
export { DEMO_INDICATOR_AUTHOR, DEMO_PUA_BLOCK_INDICATOR } from './demo-indicators';

export const DEMO_TENANT_ID = '8f6e7c3a-0d1b-4c2e-9a57-3b1f2e4d5c6a';
export const DEMO_TENANT_NAME = 'Verdict Sandbox';

/** The demo app registration (client credentials) the bot signs in as. */
export const DEMO_CLIENT_ID = 'c2b0d6e4-7a1f-4b38-8e59-6d4c3a2b1f70';

/** The demo managed identities (the stand-in IMDS / App Service endpoint): user-assigned, and the host's system-assigned one. */
export const DEMO_MANAGED_IDENTITY_CLIENT_ID = '5d3c9e21-4b7a-4f06-9c18-2e6a0b8d7f43';
export const DEMO_SYSTEM_IDENTITY_CLIENT_ID = 'a7e41f09-3c62-4d8b-b5f0-91d2c6e8a3b4';

/**
 * Everything the bot asks MDE for, and the Graph permissions of the role lookup
 * (checkMemberGroups) and of hunting (runHuntingQuery); a token carries these unless the sandbox
 * is told otherwise. AdvancedQuery.Read.All is what tenants granted before the MDE hunting API's
 * retirement; Verdict hunts through Graph, so it is used only when ThreatHunting.Read.All is taken away.
 */
export const DEMO_APP_ROLES: readonly string[] = Object.freeze([
  'File.Read.All',
  'Alert.Read.All',
  'Machine.Read.All',
  'Machine.Isolate',
  'Machine.Scan',
  'Machine.RestrictExecution',
  'Machine.CollectForensics',
  'Machine.StopAndQuarantine',
  'Machine.ReadWrite.All',
  'Ti.ReadWrite.All',
  'AdvancedQuery.Read.All',
  'ThreatHunting.Read.All',
  'User.Read.All',
  'GroupMember.Read.All',
]);

export type DemoRole = 'reader' | 'responder' | 'approver';

export interface DemoUser {
  name: string;
  aadObjectId: string;
  /** null: a member of the tenant with no Verdict role, who must be refused. */
  role: DemoRole | null;
}

export const DEMO_USERS: Readonly<{ alex: DemoUser; megan: DemoUser; lee: DemoUser; diego: DemoUser }> = Object.freeze({
  alex: Object.freeze({ name: 'Alex Wilber', aadObjectId: '3a8f1c52-6b0e-4d7a-9c21-5e4b7f0a1d01', role: 'responder' as const }),
  megan: Object.freeze({ name: 'Megan Bowen', aadObjectId: '3a8f1c52-6b0e-4d7a-9c21-5e4b7f0a1d02', role: 'approver' as const }),
  lee: Object.freeze({ name: 'Lee Gu', aadObjectId: '3a8f1c52-6b0e-4d7a-9c21-5e4b7f0a1d03', role: 'reader' as const }),
  diego: Object.freeze({ name: 'Diego Siciliani', aadObjectId: '3a8f1c52-6b0e-4d7a-9c21-5e4b7f0a1d04', role: null }),
});

/** One Entra security group per Verdict role (ROLE_GROUPS_* in sandbox mode). */
export const DEMO_GROUPS: Readonly<Record<DemoRole, string>> = Object.freeze({
  reader: '5b7d2e19-4c8a-4f36-b0e1-7a9c3d5f2e11',
  responder: '5b7d2e19-4c8a-4f36-b0e1-7a9c3d5f2e12',
  approver: '5b7d2e19-4c8a-4f36-b0e1-7a9c3d5f2e13',
});

/**
 * The same grants as a roles file (ROLES_FILE's shape), so the sandbox can run either resolver.
 * Diego is listed with no role on purpose: a known member of the tenant who must be refused.
 */
export const DEMO_ROLES_FILE: Readonly<{ users: Readonly<Record<string, readonly DemoRole[]>> }> = Object.freeze({
  users: Object.freeze(
    Object.fromEntries(Object.values(DEMO_USERS).map((u) => [u.aadObjectId, Object.freeze(u.role ? [u.role] : [])])),
  ),
});
