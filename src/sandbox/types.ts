import type { Logger } from 'pino';
import type { LatencyModel } from './latency-model';
import type { PortalIndicatorInit } from './mde/portal-indicator';
import type { ReceivedRequest } from './request-log';
import type { SyntheticFiles } from './synthetic-files';

/** The public contract of the sandbox; `index.ts` re-exports it. */
export interface SandboxOptions {
  /** Interface both listeners bind; default '127.0.0.1'. */
  host?: string;
  /** HTTP listener for the MDE API; 0/undefined = a free port. */
  port?: number;
  /** HTTPS listener for the Entra endpoints; 0/undefined = a free port. */
  tlsPort?: number;
  /** Per API family; default MDE's own (100/min and 1,500/h; hunting 45/min; indicator import 30/min). */
  limits?: { perMinute?: number; perHour?: number };
  /** Per family on top of `limits`, e.g. `{ 'graph-hunting': { perMinute: 5 } }` (Graph's hunting is a family here too). */
  familyLimits?: Record<string, { perMinute?: number; perHour?: number }>;
  /** Window length multiplier: 1 = real minutes and hours (default); 0.01 makes a "minute" 600 ms. */
  timeScale?: number;
  /** Added to every MDE API response (default 0). */
  latencyMs?: number;
  /**
   * Per-family response times in real ms, multiplied by `timeScale` and added to `latencyMs`:
   * 'realistic' (hunting 2–5 s, REST lookups 0.1–0.35 s; see latency-model.ts) or a table of
   * `{ family: { baseMs, jitterMs } }`. Default none. Throttled (429) answers are not delayed.
   */
  latencyModel?: 'realistic' | LatencyModel;
  /** The latency model's jitter source (default Math.random); inject one for reproducible runs. */
  random?: () => number;
  /**
   * Files for hashes the demo tenant does not have, for benchmarks that need thousands of
   * distinct hashes: `true` = the built-in rule (synthetic-files.ts: `bad0…`/`0bad…` are malware;
   * random hashes ≈5 % malware, 5 % PUA, 40 % clean, 25 % unknown, 25 % not found), or your own
   * function (null = not found). Default off: unknown hashes are 404 / ProfileAvailability Missing.
   */
  syntheticFiles?: boolean | SyntheticFiles;
  /** Indicators and machine actions (state belongs to this sandbox; see demo-indicators.ts). */
  containment?: SandboxContainmentOptions;
  /** Application roles put in issued tokens; default every role the bot needs. */
  appRoles?: string[];
  /**
   * MDE's /api/advancedqueries/run answers 404 to every call, as after its retirement on
   * 2027-01-31 (MC1220762); calls are still counted under `hunting`. Default false.
   */
  mdeHuntingRetired?: boolean;
  /**
   * Graph runHuntingQuery calls allowed per 15-minute cycle (× timeScale) before it answers 429
   * naming the CPU quota, standing in for a quota that varies with tenant size. Default unlimited.
   */
  huntingQueriesPerQuotaCycle?: number;
  /** Extra PEM certificates accepted for client-assertion (certificate) auth of the demo app. */
  clientCertificates?: string[];
  logger?: Logger;
}

export interface SandboxContainmentOptions {
  /** Made-up active indicators added at start (besides the demo PUA block), to test the 15,000-cap warnings. Default 0; at most 15,000. */
  seedIndicators?: number;
  /**
   * Opt-in crowded tenant: this many feed-style indicators (files, IPs, domains, URLs; a fifth on
   * known-malware files; some expiring, some expired; see synthetic-indicators.ts) for the
   * redundancy review. Turns `syntheticFiles` on unless it is given. Default 0 (the demo tenant).
   */
  syntheticIndicators?: number;
  /** Real ms a machine action stays Pending; default 30 s × timeScale. */
  actionPendingMs?: number;
  /** Real ms it then stays InProgress; default 60 s × timeScale. */
  actionInProgressMs?: number;
  /** How every machine action ends; default 'Succeeded'. */
  actionOutcome?: 'Succeeded' | 'Failed' | 'TimeOut' | 'Cancelled';
}

export interface SandboxStats {
  tokensIssued: number;
  /** Every request under /api, and every authenticated Graph runHuntingQuery, whatever its outcome (429 and faults included). */
  apiCalls: number;
  /** Requests refused by the rate limiter (injected 429 faults are not counted here). */
  throttled: number;
  /** API calls per family, for requests that matched a route. */
  byFamily: Record<string, number>;
}

export interface SandboxCredentials {
  tenantId: string;
  clientId: string;
  clientSecret: string;
}

export type Fault = {
  /**
   * e.g. 'files', 'graph-hunting', 'token' or 'graph'; default: any MDE API family or Graph's
   * hunting (where MDE's hunting moved), never the token endpoint or Graph's role lookups.
   */
  family?: string;
  /** How many requests it applies to; default 1. */
  times?: number;
  /** Only requests with this method (MDE API families); default any. */
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
} & (
  /** `target`: the error body's correlation id; default a fresh one per answer. */
  | { type: 'status'; status: number; code?: string; retryAfterSeconds?: number; target?: string }
  /** Accept the request and never answer (until the client gives up or the sandbox stops). */
  | { type: 'timeout' }
  /** 200 with a truncated, invalid JSON body. */
  | { type: 'malformed' }
  | { type: 'latency'; ms: number }
);

export interface SandboxFaults {
  /** Queues a fault; throws on an invalid one (unknown family, bad status…). */
  inject(fault: Fault): void;
  clear(): void;
}

export interface Sandbox {
  /** 'http://127.0.0.1:<port>': the MDE API. */
  apiBaseUrl: string;
  /** Microsoft Graph (`/v1.0/users/{id}/checkMemberGroups`, `/v1.0/security/runHuntingQuery`); the same origin as apiBaseUrl. */
  graphBaseUrl: string;
  /** 'https://127.0.0.1:<tlsPort>': Entra. */
  authorityHost: string;
  /** `${authorityHost}/${credentials.tenantId}` */
  authority: string;
  /** The self-signed certificate of the TLS listener, made at start; clients trust this. */
  caCertPem: string;
  /** The demo app registration. The secret is new at every start. */
  credentials: SandboxCredentials;
  /**
   * The stand-in managed-identity endpoints on the HTTP listener, in the two shapes msal-node
   * finds from the environment: IMDS (AZURE_POD_IDENTITY_AUTHORITY_HOST=imdsHost) and App Service
   * (IDENTITY_ENDPOINT, IDENTITY_HEADER). Their tokens carry the same app roles as the demo app's.
   */
  managedIdentity: {
    imdsHost: string;
    identityEndpoint: string;
    identityHeader: string;
    userAssignedClientId: string;
    systemAssignedClientId: string;
    /** Tokens issued by these endpoints, per audience (`https://api.securitycenter.microsoft.com`, `https://graph.microsoft.com`). */
    tokensIssued(): Record<string, number>;
  };
  stats(): SandboxStats;
  faults: SandboxFaults;
  /** The last MDE API requests the routes answered (request-log.ts), oldest first. */
  received(): ReceivedRequest[];
  /** What a person does in the Defender portal, for tests and demos. */
  portal: {
    /** Adds an indicator as if made in the portal; throws if its id or its value and type are taken. Returns its id. */
    addIndicator(init: PortalIndicatorInit): string;
  };
  /** Closes both listeners and every open connection; calling it again is harmless. */
  stop(): Promise<void>;
}
