import type { Background } from './background';
import type { CardUpdater } from './card-updater';
import type { ConversationRoster } from './roster';
import type { MdeClient } from '../mde/client';
import type { IndicatorsApi } from '../mde/indicators-api';
import type { IocSetStore } from './ioc-sets';
import type { RoleResolver } from '../access/role-resolver';
import type { ContainmentService } from '../containment/service';
import type { AuditJournal } from '../audit/journal';
import type { DeviceAction, DeviceHunt, DeviceLookup } from '../devices/ports';
import type { DeviceSetStore } from '../devices/set-store';
import type { BulkRuns } from '../devices/bulk/bulk-runs';
import type { CardAction } from '../cards/card-action';
import type { Access } from './access';
import type { ActionPresentations } from './containment/action-presentation';
import type { ApprovalPresenter } from './containment/approval-presenter';

/** Everything the commands and actions need, built once in main.ts and passed in. */
export interface AppDeps {
  mde: MdeClient;
  /** The tenant's custom indicators in bulk (coverage card, /indicators); absent: those answers say so. */
  indicators?: IndicatorsApi;
  /** The coverage card's uncovered IoCs, kept for its "Block the N not covered" form; absent: no button. */
  iocSets?: IocSetStore;
  /** Defender portal base URL for deep links, e.g. https://security.microsoft.com. */
  portalUrl: string;
  /** Which Entra tenants may use this bot. */
  tenants: TenantPolicy;
  /** Roles of the person acting, resolved on the server on every message and click. */
  roles: RoleResolver;
  /** ROLES_DEFAULT, so the refusal card can say whether readers need a group. */
  rolesDefault?: 'none' | 'reader';
  /**
   * False when no role source is configured (neither ROLES_FILE nor ROLE_GROUPS_*): refusals, /help
   * and the welcome then name the settings an admin must set. Absent means configured.
   */
  rolesConfigured?: boolean;
  /** Block/isolate requests and approvals; absent when no MDE containment gateways are wired. */
  containment?: ContainmentApp;
  /** The audit journal: read by /audit; the router appends the refusals it decides itself. */
  audit?: Pick<AuditJournal, 'read' | 'head' | 'append' | 'refresh'>;
  /** Milliseconds since the epoch; default `Date.now`. Paces progress updates. */
  now?: () => number;
  /** `/devices`: device lookups, device hunting and stored sets; absent when not wired. */
  devices?: DevicesApp;
  /** Bulk /hash lookups; every field optional, defaults in DEFAULT_BULK_SETTINGS. */
  bulk?: Partial<BulkSettings>;
}

export interface DevicesApp {
  lookup: DeviceLookup;
  hunt: DeviceHunt;
  sets: DeviceSetStore;
  /** GET /api/machineactions with a filter (all pages), for /actions. */
  actions: (query: { machineId?: string; createdSince?: string }) => Promise<DeviceAction[]>;
  /** GET /api/machineactions/{id}/getPackageUri: an investigation package's short-lived link (null: none yet). */
  packageUri?: (actionId: string) => Promise<string | null>;
  /** The bulk device runs, resumed at start. */
  runs?: BulkRuns;
  /** The action buttons a device set card offers this viewer (the response-action seam adds them). */
  actionsFor?: (setId: string, access: Access, count?: number, sha1?: string) => CardAction[];
}

export interface BulkSettings {
  /** More SHA-1/SHA-256 hashes than this go to advanced hunting in one query. */
  huntingThreshold: number;
  /** Files API calls in flight at once when hashes are looked up one by one. */
  concurrency: number;
  /** Least time between two updates of the "Looking up N hashes…" message. */
  progressIntervalMs: number;
}

export const DEFAULT_BULK_SETTINGS: Readonly<BulkSettings> = Object.freeze({
  huntingThreshold: 20,
  concurrency: 4,
  progressIntervalMs: 2_000,
});

export function bulkSettings(deps: AppDeps): BulkSettings {
  return { ...DEFAULT_BULK_SETTINGS, ...deps.bulk };
}

export interface TenantPolicy {
  /** Tenant ids allowed to talk to the bot; empty means any. */
  allowed: readonly string[];
  /** Refuse turns that carry no tenant id at all (on in live mode). */
  requireTenant: boolean;
}

/** True when a turn from `tenantId` may be served under `policy`. */
export function tenantAllowed(policy: TenantPolicy, tenantId: string | undefined): boolean {
  if (!tenantId) return !policy.requireTenant;
  return policy.allowed.length === 0 || policy.allowed.some((t) => t.toLowerCase() === tenantId.toLowerCase());
}

/**
 * Containment, for its own handlers: they are registered only where it is wired (the router's
 * `containmentActions`), so its absence here is a wiring error, not a state a user can reach.
 */
export function containmentOf(deps: Pick<AppDeps, 'containment'>): ContainmentApp {
  if (!deps.containment) throw new Error('a containment handler ran without containment wired');
  return deps.containment;
}

export interface ContainmentApp {
  service: ContainmentService;
  /** The response actions' presentations (src/response-actions/registry.ts), by kind and form verb. */
  actions: ActionPresentations;
  /** The one approval presenter: every approval card, posted, redrawn, per viewer, and the audit channel's root. */
  presenter: ApprovalPresenter;
  /** CONTAINMENT_FOUR_EYES: only used to choose which buttons a viewer sees; the service enforces it. */
  fourEyes: boolean;
  /** Proactive card updates: redraws an approval card clicked from another conversation (the audit channel). */
  cards?: CardUpdater;
  /** Whether the audit channel is set (its request cards let approvers decide); default false. */
  auditChannel?: () => boolean;
  /**
   * How long an Approve click waits for Defender before it is answered with the "executing…" card
   * and the rest finishes in `background` (Teams gives an invoke 5-15 s); default 4 s.
   */
  answerWithinMs?: number;
  /** Where an approval still running when its click is answered goes on; without one the click waits. */
  background?: Background;
  /** Who is in a conversation: with the approver list, whom an approval card's refresh.userIds name. */
  roster?: ConversationRoster;
  /**
   * Teams with user-specific views (a bot with an app id): once userIds are known, the posted card
   * carries no buttons and each listed viewer's refresh brings their own. Off locally: the Agents
   * Playground does not emulate refresh, so the posted card keeps every button there.
   */
  perUserViews?: boolean;
}
