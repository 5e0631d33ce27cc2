import { join } from 'node:path';
import type { Logger } from 'pino';
import type { Sandbox } from './sandbox';
import { loadConfig, type Config } from './config';
import { ConfigError } from './config-error';
import { createLogger } from './logger';
import { cloudEndpoints } from './mde/cloud';
import { createMde, type MdeParts, type MdeTuning } from './mde/create';
import { buildRoleResolver, type RoleSource } from './access';
import { roleSource } from './access/role-source';
import { createStorage, isETagConflict } from './store';
import type { KeyValueStore } from './util/key-value-store';
import { openAuditJournal, type OpenedJournal } from './audit/open-journal';
import { notifyingJournal, storageOutboxState } from './audit/outbox-wiring';
import { rateLimitingRefusals } from './audit/refusal-rate';
import { assertAnchored, outboxAnchor } from './audit/journal-anchors';
import { createAuditTrail, type AuditTrail } from './audit/audit-trail';
import type { OutboxOptions } from './audit/outbox';
import { createContainmentService, policyOf, type ContainmentRequest } from './containment';
import { responseActions } from './response-actions/registry';
import { createBulkResultsStore } from './response-actions/block-indicators/results-store';
import { createIocSetStore, startIocSetSweep } from './app/ioc-sets';
import { actionPresentations } from './app/containment/action-presentation';
import { startActionFollower, startContainmentHousekeeping } from './containment/housekeeping';
import { createRouter, type Router } from './app/router';
import { defaultCommands } from './app/commands';
import type { AppDeps, ContainmentApp } from './app/deps';
import { createDeviceSetStore } from './devices/set-store';
import { bulkRunsFor, type OutcomeJournal } from './devices/bulk/wiring';
import { deviceActionsFor } from './response-actions/device-set/set-card-actions';
import { DEVICE_ACTIONS } from './response-actions/device-set/actions';
import type { ConversationRoster } from './app/roster';
import type { CardUpdater } from './app/card-updater';
import { auditChannelRender } from './app/audit-channel-render';
import { createApprovalPresenter } from './app/containment/approval-presenter';
import { newsForRequester, tellRequester } from './app/containment/requester-news';
import { createBackground } from './app/background';
import { createAdapter, type OpenIdMetadata, type VerdictAdapter } from './teams/adapter';
import { activityHandler } from './teams/activity-handler';
import { VerdictBot } from './teams/bot';
import { createTeamsCardUpdater } from './teams/card-updater';
import { createTeamsChannelPoster } from './teams/channel-poster';
import { serviceUrlPolicy } from './teams/service-url';
import { createFileDownloader } from './teams/file-download';
import { createTeamsRoster } from './teams/roster';
import { createServer, listen } from './server';
import { soleLeader, whileLeader, type Leadership } from './util/leadership';
import { createTelemetry } from './telemetry/create-telemetry';
import type { Telemetry } from './telemetry/telemetry';
import { tracedActivities } from './telemetry/traced-activities';
import { timedDecisions } from './telemetry/decision-times';
import { tracedRouter } from './app/traced-router';
import type { ReadinessOptions } from './health/readiness';
import { CARD_VERBS } from './cards/card-verbs';
import { wireOperations } from './operations';

export { ConfigError };

/**
 * What the root takes besides config: the outside world and a few speeds, so that tests and the
 * benchmark compose the same bot with their stand-ins. Everything absent is the real thing.
 */
export interface VerdictPorts {
  logger?: Logger;
  /** Milliseconds since the epoch; default Date.now (tests move it to expire requests). */
  now?: () => number;
  /** The MDE client's tuning: sandbox options, limiter time scale, profile batching (the benchmark's). */
  mde?: MdeTuning;
  /** Where roles come from; default from config (ROLES_FILE, ROLE_GROUPS_*, the sandbox's demo groups). */
  roleSource?: RoleSource;
  /** Which connector endpoints may be called and remembered; default serviceUrlPolicy (loopback only without an app id). */
  trustServiceUrl?: (url: string) => boolean;
  /** Proactive card updates and conversation rosters; given, exactly these (either may be absent); default over the adapter. */
  teams?: { cards?: CardUpdater; roster?: ConversationRoster };
  /** Posted approval cards carry no buttons once userIds are known; default: when the bot has an app id (Teams). */
  perUserViews?: boolean;
  /** How long an Approve click waits for Defender before answering "executing…" (default 4 s). */
  answerWithinMs?: number;
  /** The audit outbox's pace (default: Teams' 1 post/s); tests that post many entries speed it up. */
  auditOutbox?: Pick<OutboxOptions, 'minIntervalMs' | 'maxBackoffMs'>;
  /** Where Bot Framework signing keys are fetched (tests point it at a dead or failing host). */
  openIdMetadata?: OpenIdMetadata;
  /** Traces and metrics; default from config (Azure Monitor, OTLP, or off). Tests give in-memory exporters. */
  telemetry?: Telemetry;
  /** /readyz's cache and timeout (tests set cacheMs 0 to see a fault and its recovery at once). */
  readiness?: ReadinessOptions;
}

/** The composed bot, without a listening socket: tests drive `bot.run`, the benchmark `router`. */
export interface ComposedVerdict {
  config: Config;
  logger: Logger;
  adapter: VerdictAdapter;
  bot: VerdictBot;
  router: Router;
  deps: AppDeps & { containment: ContainmentApp };
  mde: MdeParts;
  sandbox?: Sandbox;
  store: KeyValueStore;
  journal: OpenedJournal;
  trail: AuditTrail;
  /** Which instance posts the audit trail and runs the sweeps: this one alone, or the holder of a blob lease. */
  leadership: Leadership;
  telemetry: Telemetry;
  /** The journal, the store and MDE's token provider, checked (and cached briefly) for /readyz. */
  readiness(): Promise<{ ready: boolean; reasons: string[] }>;
  cards?: CardUpdater;
  trustServiceUrl(url: string): boolean;
  /** Lets approvals in Defender finish, stops the outbox, closes the journal, stops the sandbox; again is harmless. */
  stop(): Promise<void>;
}

/** The composition root: config and ports → MDE client, roles, store, journal, containment, audit trail, router, bot. */
export async function composeVerdict(config: Config, ports: VerdictPorts = {}): Promise<ComposedVerdict> {
  const logger = ports.logger ?? createLogger({ level: config.logLevel });
  const now = ports.now ?? Date.now;
  const telemetry = ports.telemetry ?? createTelemetry(config.telemetry, logger.child({ component: 'telemetry' }));
  const mde = await createMde(config, logger, now, ports.mde, telemetry).catch(async (err: unknown) => {
    await telemetry.shutdown();
    throw err;
  });
  let journal: OpenedJournal | undefined;
  let leadership: Leadership | undefined;
  try {
    // Only the tenant whose Defender data Verdict reads; a bot registered elsewhere must not widen it.
    const allowed = mde.tenantId ? [mde.tenantId] : [];
    const found = ports.roleSource ?? (await roleSource(config, mde, logger));
    const source: RoleSource = found.kind === 'graph' ? { ...found, request: { ...found.request, telemetry } } : found;
    const roles = await buildRoleResolver({
      source,
      allowedTenantIds: allowed,
      defaultRole: config.roles.defaultRole,
      cacheTtlMs: config.roles.cacheTtlMs,
      now,
      logger: logger.child({ component: 'roles' }),
    });
    const store = await createStorage(config.state.kind === 'blob' ? config.state : { kind: 'file', dir: join(config.stateDir, 'state') });
    const outcomeJournal: OutcomeJournal = { kindOf: (action) => DEVICE_ACTIONS.find((a) => a.action === action)?.kind ?? action };
    // Runs go on in the leading instance only (bulk-runs.ts): `leadership` is elected below, before any request.
    const deviceRuns = bulkRunsFor(mde.devices, store, logger.child({ component: 'device-runs' }), now, outcomeJournal, { isLeader: () => leadership?.isLeader() ?? false });
    // The one list of response actions: kinds for containment, presentations for the app.
    const actions = responseActions({ ...mde.gateways, deviceRuns, bulk: { indicators: mde.indicators, results: createBulkResultsStore(store), journal: outcomeJournal } });
    const unknownPolicies = [...config.containment.actionPolicy.keys()].filter((kind) => !actions.some((a) => a.kind.kind === kind));
    if (unknownPolicies.length > 0) throw new ConfigError([`ACTION_POLICY: names kinds Verdict does not run (${unknownPolicies.join(', ')}); it runs ${actions.map((a) => a.kind.kind).join(', ')}`]);
    const requestRoles = new Map(actions.map((a) => [a.kind.kind, policyOf(a.kind, config.containment.actionPolicy).requestRole]));
    const presentations = actionPresentations(actions.map((a) => a.presentation), requestRoles);
    // The outbox posted up to its delivered position: a journal ending before it lost entries, and
    // extending it would reuse their seqs while the outbox skipped the new ones unposted. Read before
    // the journal: another instance's outbox may post entries appended while this one opens it.
    const delivered = (await storageOutboxState(store).load()).deliveredSeq;
    // One instance: a file in STATE_DIR. Several (STATE_STORE=blob): append blobs, one chain for all.
    const journalAt = config.state.kind === 'blob' ? config.state : { kind: 'file' as const, stateDir: config.stateDir };
    journal = await openAuditJournal(journalAt, store, now, logger.child({ component: 'audit' }));
    assertAnchored(journal.head(), [outboxAnchor(delivered)], () => undefined, journal.path);

    leadership = await electLeader(config, logger);
    const adapter = createAdapter(config.bot, logger.child({ component: 'adapter' }), ports.openIdMetadata);
    const trustServiceUrl = ports.trustServiceUrl ?? serviceUrlPolicy(Boolean(config.bot.appId));
    const overTeams = { adapter, appId: config.bot.appId, trustServiceUrl };
    const { cards, roster } = ports.teams ?? { cards: createTeamsCardUpdater(overTeams), roster: createTeamsRoster(overTeams) };
    const { channelId, serviceUrl } = config.audit;
    const auditLog = logger.child({ component: 'audit-outbox' });
    const trail = createAuditTrail({
      configured: channelId && serviceUrl ? { channelId, serviceUrl, tenantId: allowed[0] } : undefined,
      journal,
      store,
      posterFor: (to) => createTeamsChannelPoster({ ...overTeams, ...to }),
      roles,
      trustServiceUrl,
      logger: auditLog,
      pace: ports.auditOutbox,
      // With several instances, others' entries reach the leader's outbox by polling (their appends kick only themselves).
      leadership: { leadership, pollMs: config.state.kind === 'blob' ? 2_000 : 0 },
    });
    // Every append, the service's and the router's, kicks the channel outbox; one person's
    // refusals beyond a few in ten minutes are summarised there rather than posted one by one.
    const operations = wireOperations({ journal, journalFile: config.state.kind === 'file' ? journal.path : undefined, store, mde, telemetry, logger, readiness: ports.readiness });
    const audit = timedDecisions(notifyingJournal(rateLimitingRefusals(operations.journal, { now }), trail.kick), telemetry);
    outcomeJournal.sink = audit;

    const containmentLog = logger.child({ component: 'containment' });
    const background = createBackground((err) => containmentLog.error({ err }, 'an approval finishing after its click failed unexpectedly'));
    const service = createContainmentService({
      store,
      audit,
      kinds: actions.map((a) => a.kind),
      actionPolicy: config.containment.actionPolicy,
      clock: now,
      policy: { ttlMs: config.containment.ttlMs, fourEyes: config.containment.fourEyes },
      isConflict: isETagConflict,
      warn: (event, fields) => containmentLog.warn(fields, event),
    });
    // The one approval presenter: the conversation's card, each viewer's, and the audit channel's root.
    const presenter = createApprovalPresenter(cards, containmentLog, presentations.views, { fourEyes: config.containment.fourEyes, words: presentations.words });
    const containment: ContainmentApp = {
      service,
      actions: presentations,
      presenter,
      fourEyes: config.containment.fourEyes,
      cards,
      auditChannel: () => Boolean(trail.channel()),
      answerWithinMs: ports.answerWithinMs,
      background,
      roster,
      perUserViews: ports.perUserViews ?? Boolean(config.bot.appId),
    };
    await trail.start(auditChannelRender(containment, roles, auditLog));

    const deps = {
      mde: mde.client,
      indicators: mde.indicators,
      iocSets: createIocSetStore(store),
      portalUrl: cloudEndpoints(config.mde.cloud).portalUrl,
      tenants: { allowed, requireTenant: config.mde.mode === 'live' },
      roles,
      rolesDefault: config.roles.defaultRole,
      rolesConfigured: source.kind !== 'none',
      now,
      containment,
      audit,
      devices: {
        lookup: mde.devices,
        hunt: (query: string) => mde.devices.hunt(query),
        sets: createDeviceSetStore(store),
        actions: (query: { machineId?: string; createdSince?: string }) => mde.devices.listActions(query),
        packageUri: (actionId: string) => mde.devices.getPackageUri(actionId),
        runs: deviceRuns,
        actionsFor: deviceActionsFor(config.containment.actionPolicy),
      },
    };
    const commands = defaultCommands();
    const router = tracedRouter(createRouter(deps, commands), telemetry, { commands: commands.map((c) => c.name), verbs: Object.values(CARD_VERBS) });
    const bot = new VerdictBot(router, logger.child({ component: 'bot' }), {
      installedInTeam: (install) => trail.installedInTeam(install),
      removedFromTeam: (teamChannelId) => trail.removedFromTeam(teamChannelId),
      trustServiceUrl,
      // Sent files are fetched under the service-URL rule's mode: loopback only without an app id.
      readFile: createFileDownloader({ allowLoopback: !config.bot.appId }),
    });
    const opened = journal;
    const leading = leadership;
    let stopping: Promise<void> | undefined;
    const stop = () => {
      stopping ??= (async () => {
        // Approvals still in Defender journal their outcome; the trail may still post it.
        await background.drain();
        await trail.stop();
        await deviceRuns.stop();
        // After the outbox has stopped: releasing the lease first could let another instance post what this one still has in flight.
        await leading.stop();
        await opened.close();
        await mde.sandbox?.stop();
        await telemetry.shutdown();
      })();
      return stopping;
    };
    return { config, logger, adapter, bot, router, deps, mde, sandbox: mde.sandbox, store, journal: opened, trail, leadership: leading, telemetry, readiness: operations.readiness, cards, trustServiceUrl, stop };
  } catch (err) {
    await leadership?.stop();
    await journal?.close();
    await mde.sandbox?.stop();
    await telemetry.shutdown();
    throw err;
  }
}

/** One instance leads alone; with the blob store, instances elect one with a lease on a blob in the state container. */
async function electLeader(config: Config, logger: Logger): Promise<Leadership> {
  if (config.state.kind !== 'blob') return soleLeader();
  // Loaded only with the blob store; require for the reason in src/mde/create.ts.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { BlobServiceClient } = require('@azure/storage-blob') as typeof import('@azure/storage-blob');
  const { startBlobLeadership } = require('./store/blob-leadership') as typeof import('./store/blob-leadership');
  const { startInstanceCensus } = require('./store/instance-census') as typeof import('./store/instance-census');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const container = BlobServiceClient.fromConnectionString(config.state.connectionString).getContainerClient(config.state.container);
  const { leaseSeconds, instanceCount } = config.scaleOut;
  const leadership = await startBlobLeadership({ container, leaseSeconds, logger: logger.child({ component: 'leader' }) });
  // The MDE budget is split by INSTANCE_COUNT; the census says when the real count differs.
  const census = startInstanceCensus({ container, expected: instanceCount, beatMs: (leaseSeconds * 1000) / 3, logger: logger.child({ component: 'census' }) });
  return { ...leadership, stop: () => Promise.all([leadership.stop(), census.stop()]).then(() => undefined) };
}

/** Validates the environment or throws ConfigError naming every bad key. */
export function configFrom(env: Record<string, string | undefined>): Config {
  const loaded = loadConfig(env);
  if (!loaded.ok) throw new ConfigError(loaded.errors);
  return loaded.config;
}

export interface RunningVerdict {
  /** http://host:port of the bot; activities go to `${url}/api/messages`. */
  url: string;
  port: number;
  config: Config;
  /** The embedded MDE simulator, in sandbox mode. */
  sandbox?: Sandbox;
  stop(): Promise<void>;
}

/** How often the leading instance looks for device runs approved in another instance (several instances only). */
const RUN_POLL_MS = 3_000;

/** The composed bot behind its door, listening, with containment's sweeps running. */
export async function startVerdict(env: Record<string, string | undefined>, ports: VerdictPorts = {}): Promise<RunningVerdict> {
  const config = configFrom(env);
  const verdict = await composeVerdict(config, ports);
  const { logger, adapter, bot, trustServiceUrl, cards, deps } = verdict;
  let ready = false;
  const handle = tracedActivities(activityHandler(adapter, (context) => bot.run(context)), verdict.telemetry);
  const server = createServer({ handle, ready: () => ready, readiness: verdict.readiness, logger, trustServiceUrl, unauthenticated: !config.bot.appId });
  let running;
  try {
    running = await listen(server, config.port, config.host);
  } catch (err) {
    await verdict.stop();
    throw err;
  }
  ready = true;
  const containment = deps.containment.service;
  const containmentLog = logger.child({ component: 'containment' });
  // Housekeeping's and the follower's changes: everyone's approval card, and the requester's news.
  const redraw = async (request: ContainmentRequest) => {
    await deps.containment.presenter.show(request);
    await tellRequester(deps, request, { notify: newsForRequester(request, containment), log: containmentLog });
  };
  // Only in the leading instance (the same lease as the outbox): see docs/architecture.md, section 7.
  const housekeeping = whileLeader(verdict.leadership, () => startContainmentHousekeeping(containment, containmentLog, { redraw }));
  const follower = whileLeader(verdict.leadership, () => startActionFollower(containment, containmentLog, { redraw }));
  // Bulk device runs go on in the leading instance only, so one run never goes on in two processes:
  // a run a stop interrupted goes on from where it was (no device is sent twice), a run approved in
  // another instance is picked up by polling, and an instance that stops leading pauses its runs.
  const resumer = whileLeader(verdict.leadership, () => {
    const runs = deps.devices?.runs;
    const resume = () => void runs?.resumeOpen().catch((err: unknown) => containmentLog.error({ err }, 'could not resume the open device runs'));
    resume();
    const poll = config.state.kind === 'blob' ? setInterval(resume, RUN_POLL_MS) : undefined;
    poll?.unref();
    return {
      stop: async () => {
        clearInterval(poll);
        await runs?.pause?.();
      },
    };
  });
  // Coverage and /indicators sets past their day are deleted, not just refused (leader only, too).
  const iocSetSweep = whileLeader(verdict.leadership, () => (deps.iocSets ? startIocSetSweep(deps.iocSets, containmentLog) : { stop: async () => undefined }));
  const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${running.port}`;
  logger.info({ url, mdeMode: config.mde.mode, cloud: config.mde.cloud }, 'verdict listening');

  let stopping: Promise<void> | undefined;
  return {
    url,
    port: running.port,
    config,
    sandbox: verdict.sandbox,
    stop() {
      stopping ??= (async () => {
        ready = false;
        await running.close();
        await housekeeping.stop();
        await follower.stop();
        await resumer.stop();
        await iocSetSweep.stop();
        await verdict.stop();
        logger.info('verdict stopped');
      })();
      return stopping;
    },
  };
}

/** `npm run serve`: the bot alone, as a container runs it. */
async function serve(): Promise<void> {
  let app: RunningVerdict;
  try {
    app = await startVerdict(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\nSee .env.example and the README's configuration table.\n`);
      process.exit(1);
    }
    throw err;
  }
  const shutdown = () => {
    app.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

if (require.main === module) {
  serve().catch((err: unknown) => {
    process.stderr.write(`Verdict failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
