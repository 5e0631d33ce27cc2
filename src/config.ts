import { z } from 'zod';
import { isLoopbackHost } from './util/loopback';
import { actionPolicySchema, type ConfiguredActionPolicy } from './config-action-policy';

/**
 * All configuration, from the environment, validated once at start. This is the only module that
 * reads `process.env` (main passes it in). Errors name every bad key and never echo values.
 */
const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const guidList = z
  .string()
  .optional()
  .transform((v) => (v ?? '').split(',').map((s) => s.trim()).filter(Boolean))
  .pipe(z.array(z.string().uuid('must be a comma-separated list of Entra group object ids (GUIDs)')));

const envSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3978),
    HOST: optionalString,
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    MDE_MODE: z.enum(['sandbox', 'live']).default('sandbox'),
    MDE_TENANT_ID: optionalString,
    MDE_CLIENT_ID: optionalString,
    MDE_CLIENT_SECRET: optionalString,
    MDE_CLIENT_CERTIFICATE_PATH: optionalString,
    MDE_CLOUD: z.enum(['commercial', 'gcc', 'gcc-high', 'dod']).default('commercial'),
    MDE_API_BASE_URL: optionalString.pipe(z.string().url('must be an absolute URL').optional()),
    MDE_AUTHORITY_HOST: optionalString.pipe(z.string().url('must be an absolute https URL').optional()),
    MDE_TOKEN_SCOPE: optionalString,
    MDE_CACHE_TTL_SECONDS: z.coerce.number().int().min(0).max(86_400).default(600),
    MDE_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(15_000),
    /** Advanced hunting: Microsoft Graph's runHuntingQuery, MDE's retiring endpoint, or Graph first (auto). */
    HUNTING_API: z.enum(['graph', 'mde', 'auto']).default('auto'),
    MicrosoftAppId: optionalString,
    MicrosoftAppPassword: optionalString,
    MicrosoftAppTenantId: optionalString,
    MicrosoftAppType: z
      .enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI'])
      .or(z.string().regex(/^(multitenant|singletenant|userassignedmsi)$/i, 'must be MultiTenant, SingleTenant or UserAssignedMSI'))
      .optional(),
    ROLE_GROUPS_READER: guidList,
    ROLE_GROUPS_RESPONDER: guidList,
    ROLE_GROUPS_APPROVER: guidList,
    ROLES_FILE: optionalString,
    AUDIT_CHANNEL_ID: optionalString,
    AUDIT_SERVICE_URL: optionalString.pipe(z.string().url('must be an absolute URL').optional()),
    STATE_DIR: z.string().min(1).default('./.verdict'),
    ROLES_DEFAULT: z.enum(['none', 'reader']).default('none'),
    ROLES_CACHE_TTL_SECONDS: z.coerce.number().int().min(0).max(86_400).default(180),
    GRAPH_BASE_URL: optionalString.pipe(z.string().url('must be an absolute URL').optional()),
    STATE_STORE: z.enum(['file', 'blob']).default('file'),
    STATE_BLOB_CONNECTION_STRING: optionalString,
    STATE_BLOB_CONTAINER: z
      .string()
      .regex(/^(?=.{3,63}$)[a-z0-9]+(-[a-z0-9]+)*$/, 'must be 3-63 lower-case letters, digits and single hyphens')
      .default('verdict-state'),
    CONTAINMENT_TTL_MINUTES: z.coerce.number().int().min(1).max(7 * 24 * 60).default(60),
    CONTAINMENT_FOUR_EYES: z
      .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
      .default('true')
      .transform((v) => v === 'true' || v === '1' || v === 'yes'),
    /** Per response action kind: `kind=role:approval,…` (src/config-action-policy.ts). */
    ACTION_POLICY: actionPolicySchema,
    SANDBOX_PORT: z.coerce.number().int().min(0).max(65535).default(0),
    /** How long the sandbox keeps a new machine action Pending, then InProgress, and how it ends. */
    SANDBOX_ACTION_PENDING_SECONDS: z.coerce.number().min(0).max(86_400).default(30),
    SANDBOX_ACTION_RUNNING_SECONDS: z.coerce.number().min(0).max(86_400).default(60),
    SANDBOX_ACTION_OUTCOME: z.enum(['Succeeded', 'Failed', 'TimeOut', 'Cancelled']).default('Succeeded'),
    /** The sandbox's MDE hunting endpoint answers 404, as after its retirement on 2027-01-31. */
    SANDBOX_MDE_HUNTING_RETIRED: z
      .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
      .default('false')
      .transform((v) => v === 'true' || v === '1' || v === 'yes'),
  })
  .superRefine((env, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (env.MDE_MODE === 'live') {
      if (!env.MDE_TENANT_ID) issue('MDE_TENANT_ID', 'is required when MDE_MODE=live');
      if (!env.MDE_CLIENT_ID) issue('MDE_CLIENT_ID', 'is required when MDE_MODE=live');
      if (!env.MDE_CLIENT_SECRET && !env.MDE_CLIENT_CERTIFICATE_PATH) {
        issue('MDE_CLIENT_CERTIFICATE_PATH', 'or MDE_CLIENT_SECRET is required when MDE_MODE=live');
      }
    }
    if (!env.MicrosoftAppId && !isLoopbackHost(hostOf(env))) {
      issue('MicrosoftAppId', 'is required when the bot listens beyond loopback (HOST): an empty app id accepts unauthenticated requests');
    }
    if (env.MDE_CLIENT_SECRET && env.MDE_CLIENT_CERTIFICATE_PATH) {
      issue('MDE_CLIENT_SECRET', 'set either MDE_CLIENT_SECRET or MDE_CLIENT_CERTIFICATE_PATH, not both');
    }
    if (env.MicrosoftAppId && !/^userassignedmsi$/i.test(env.MicrosoftAppType ?? '') && !env.MicrosoftAppPassword) {
      issue('MicrosoftAppPassword', 'is required when MicrosoftAppId is set (unless MicrosoftAppType=UserAssignedMSI)');
    }
    if (/^(singletenant|userassignedmsi)$/i.test(env.MicrosoftAppType ?? '') && !env.MicrosoftAppTenantId) {
      issue('MicrosoftAppTenantId', `is required when MicrosoftAppType=${env.MicrosoftAppType}`);
    }
    if (env.STATE_STORE === 'blob' && !env.STATE_BLOB_CONNECTION_STRING) issue('STATE_BLOB_CONNECTION_STRING', 'is required when STATE_STORE=blob');
    const groups = env.ROLE_GROUPS_READER.length + env.ROLE_GROUPS_RESPONDER.length + env.ROLE_GROUPS_APPROVER.length;
    if (env.ROLES_FILE && groups > 0) issue('ROLES_FILE', 'set either ROLES_FILE or ROLE_GROUPS_*, not both');
    if (env.AUDIT_CHANNEL_ID && !env.AUDIT_SERVICE_URL) issue('AUDIT_SERVICE_URL', 'is required when AUDIT_CHANNEL_ID is set');
  });

/** Without a bot identity, listen on loopback only; with one, on every interface (containers). */
function hostOf(env: { HOST?: string; MicrosoftAppId?: string }): string {
  return env.HOST ?? (env.MicrosoftAppId ? '0.0.0.0' : '127.0.0.1');
}

export type MdeCloud = 'commercial' | 'gcc' | 'gcc-high' | 'dod';

export interface Config {
  port: number;
  host: string;
  logLevel: string;
  mde: {
    mode: 'sandbox' | 'live';
    tenantId?: string;
    clientId?: string;
    clientSecret?: string;
    certificatePath?: string;
    cloud: MdeCloud;
    apiBaseUrl?: string;
    authorityHost?: string;
    tokenScope?: string;
    timeoutMs: number;
    /** How long file verdicts are cached; 0 turns caching and coalescing off. */
    cacheTtlMs: number;
    /** Which advanced hunting API runs bulk lookups and MD5 resolution. */
    huntingApi: 'graph' | 'mde' | 'auto';
  };
  bot: { appId: string; appPassword: string; appTenantId: string; appType: string };
  roles: {
    readerGroups: string[];
    responderGroups: string[];
    approverGroups: string[];
    rolesFile?: string;
    /** What a user of an allowed tenant with no grant gets. */
    defaultRole: 'none' | 'reader';
    /** How long a Graph membership answer is reused. */
    cacheTtlMs: number;
    /** Overrides Microsoft Graph's base URL (a test server). */
    graphBaseUrl?: string;
  };
  state: { kind: 'file' } | { kind: 'blob'; connectionString: string; container: string };
  /** `actionPolicy`: per-kind overrides of who may request and whether an approver decides (ACTION_POLICY). */
  containment: { ttlMs: number; fourEyes: boolean; actionPolicy: ReadonlyMap<string, ConfiguredActionPolicy> };
  audit: { channelId?: string; serviceUrl?: string };
  stateDir: string;
  sandboxPort: number;
  sandboxActions: { pendingMs: number; runningMs: number; outcome: 'Succeeded' | 'Failed' | 'TimeOut' | 'Cancelled' };
  sandboxMdeHuntingRetired: boolean;
}

export type ConfigResult = { ok: true; config: Config } | { ok: false; errors: string[] };

/** Validates the environment. Error lines name the key and the rule, never the value. */
export function loadConfig(env: Record<string, string | undefined>): ConfigResult {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const errors = parsed.error.issues.map((i) => `${i.path.join('.') || '(environment)'}: ${i.message}`);
    return { ok: false, errors: [...new Set(errors)] };
  }
  const e = parsed.data;
  return {
    ok: true,
    config: {
      port: e.PORT,
      host: hostOf(e),
      logLevel: e.LOG_LEVEL,
      mde: {
        mode: e.MDE_MODE,
        tenantId: e.MDE_TENANT_ID,
        clientId: e.MDE_CLIENT_ID,
        clientSecret: e.MDE_CLIENT_SECRET,
        certificatePath: e.MDE_CLIENT_CERTIFICATE_PATH,
        cloud: e.MDE_CLOUD,
        apiBaseUrl: e.MDE_API_BASE_URL,
        authorityHost: e.MDE_AUTHORITY_HOST,
        tokenScope: e.MDE_TOKEN_SCOPE,
        timeoutMs: e.MDE_TIMEOUT_MS,
        cacheTtlMs: e.MDE_CACHE_TTL_SECONDS * 1000,
        huntingApi: e.HUNTING_API,
      },
      bot: {
        appId: e.MicrosoftAppId ?? '',
        appPassword: e.MicrosoftAppPassword ?? '',
        appTenantId: e.MicrosoftAppTenantId ?? '',
        appType: e.MicrosoftAppType ?? 'MultiTenant',
      },
      roles: {
        readerGroups: e.ROLE_GROUPS_READER,
        responderGroups: e.ROLE_GROUPS_RESPONDER,
        approverGroups: e.ROLE_GROUPS_APPROVER,
        rolesFile: e.ROLES_FILE,
        defaultRole: e.ROLES_DEFAULT,
        cacheTtlMs: e.ROLES_CACHE_TTL_SECONDS * 1000,
        graphBaseUrl: e.GRAPH_BASE_URL,
      },
      state:
        e.STATE_STORE === 'blob'
          ? { kind: 'blob', connectionString: e.STATE_BLOB_CONNECTION_STRING ?? '', container: e.STATE_BLOB_CONTAINER }
          : { kind: 'file' },
      containment: { ttlMs: e.CONTAINMENT_TTL_MINUTES * 60_000, fourEyes: e.CONTAINMENT_FOUR_EYES, actionPolicy: e.ACTION_POLICY },
      audit: { channelId: e.AUDIT_CHANNEL_ID, serviceUrl: e.AUDIT_SERVICE_URL },
      stateDir: e.STATE_DIR,
      sandboxPort: e.SANDBOX_PORT,
      sandboxActions: { pendingMs: e.SANDBOX_ACTION_PENDING_SECONDS * 1000, runningMs: e.SANDBOX_ACTION_RUNNING_SECONDS * 1000, outcome: e.SANDBOX_ACTION_OUTCOME },
      sandboxMdeHuntingRetired: e.SANDBOX_MDE_HUNTING_RETIRED,
    },
  };
}
