import type { Logger } from 'pino';
import type { Sandbox } from './sandbox';
import { loadConfig, type Config } from './config';
import { createLogger } from './logger';
import { cloudEndpoints } from './mde/cloud';
import { createRouter } from './app/router';
import { defaultCommands } from './app/commands';
import type { AppDeps } from './app/deps';
import { createAdapter, type OpenIdMetadata } from './teams/adapter';
import { activityHandler } from './teams/activity-handler';
import { VerdictBot, type BotHooks } from './teams/bot';
import { createServer, listen } from './server';
import { join } from 'node:path';
import { buildRoleResolver, type RoleResolver } from './access';
import { createStorage, isETagConflict } from './store';
import type { KeyValueStore } from './util/key-value-store';
import { openFileAuditJournal, type FileAuditJournal } from './audit/journal-file';
import { notifyingJournal, storageOutboxState } from './audit/outbox-wiring';
import { assertAnchored, outboxAnchor } from './audit/journal-anchors';
import { startAuditTrail, type AuditTrail } from './audit/audit-trail';
import { auditChannelRender } from './app/audit-channel-render';
import type { OutboxOptions } from './audit/outbox';
import { createContainmentService, type ContainmentRequest, type IndicatorGateway, type MachineActionGateway } from './containment';

export interface RunningVerdict {
  /** http://host:port of the bot; activities go to `${url}/api/messages`. */
  url: string;
  port: number;
  config: Config;
  /** The embedded MDE simulator, in sandbox mode. */
  sandbox?: Sandbox;
  stop(): Promise<void>;
}

import { ConfigError } from './config-error';
import { createMde } from './mde/create';
import { roleSource } from './access/role-source';
import { startActionFollower, startContainmentHousekeeping } from './containment/housekeeping';
import { createTeamsCardUpdater } from './teams/card-updater';
import { createTeamsChannelPoster } from './teams/channel-poster';
import { serviceUrlPolicy } from './teams/service-url';
import { createTeamsRoster } from './teams/roster';
import type { ConversationRoster } from './app/roster';
import type { CardUpdater } from './app/card-updater';
import { redrawApprovalCard } from './app/containment/redraw';
import { newsForRequester, tellRequester } from './app/containment/requester-news';
import { createBackground } from './app/background';

export { ConfigError };

export interface BuiltVerdict {
  bot: VerdictBot;
  deps: AppDeps;
  sandbox?: Sandbox;
  store: KeyValueStore;
  journal: FileAuditJournal;
  /** Closes the audit journal and stops the sandbox; calling it again is harmless. */
  stop(): Promise<void>;
}

export interface BuildOptions {
  /** Milliseconds since the epoch; default Date.now (tests move it to expire requests). */
  now?: () => number;
  /** The MDE containment ports; default the real ones, over the same paced MDE pipeline. */
  containmentGateways?: { indicators: IndicatorGateway; machines: MachineActionGateway };
  /** Called after every durable audit append (the channel outbox's kick). */
  afterAudit?: () => void;
  /** Teams events the composition root acts on (Verdict installed in a team). */
  hooks?: BotHooks;
  /** Proactive card updates (approval cards clicked from the audit channel). */
  cards?: CardUpdater;
  /** Whether there is an audit channel (set in startVerdict once the trail knows). */
  auditChannel?: () => boolean;
  /** How long an Approve click waits for Defender before answering "executing…" (default 4 s). */
  answerWithinMs?: number;
  /** Conversation members, for approval cards' refresh.userIds (src/teams' over the connector). */
  roster?: ConversationRoster;
  /** Posted approval cards carry no buttons once userIds are known; default: when the bot has an app id (Teams). */
  perUserViews?: boolean;
}

/** Builds clients, roles, store, journal and the bot from validated config; no listening socket (tests drive `bot.run`). */
export async function buildVerdict(config: Config, logger: Logger, options: BuildOptions = {}): Promise<BuiltVerdict> {
  const now = options.now ?? Date.now;
  const mde = await createMde(config, logger, now);
  let journal: FileAuditJournal | undefined;
  try {
    // Only the tenant whose Defender data Verdict reads; a bot registered elsewhere must not widen it.
    const allowed = mde.tenantId ? [mde.tenantId] : [];
    const source = await roleSource(config, mde, logger);
    const roles: RoleResolver = await buildRoleResolver({
      source,
      allowedTenantIds: allowed,
      defaultRole: config.roles.defaultRole,
      cacheTtlMs: config.roles.cacheTtlMs,
      now,
      logger: logger.child({ component: 'roles' }),
    });
    const store = await createStorage(config.state.kind === 'blob' ? config.state : { kind: 'file', dir: join(config.stateDir, 'state') });
    journal = await openFileAuditJournal({ path: join(config.stateDir, 'audit.jsonl'), now, logger: logger.child({ component: 'audit' }) });
    // The outbox posted up to its delivered position: a journal ending before it lost entries, and
    // extending it would reuse their seqs while the outbox skipped the new ones unposted.
    assertAnchored(journal.head(), [outboxAnchor((await storageOutboxState(store).load()).deliveredSeq)], () => undefined, journal.path);
    const gateways = options.containmentGateways ?? mde.gateways;
    const containmentLog = logger.child({ component: 'containment' });
    const background = createBackground((err) => containmentLog.error({ err }, 'an approval finishing after its click failed unexpectedly'));
    // Every append, the service's and the router's, kicks the channel outbox.
    const audit = options.afterAudit ? notifyingJournal(journal, options.afterAudit) : journal;
    const service = createContainmentService({
      store,
      audit,
      indicators: gateways.indicators,
      machines: gateways.machines,
      clock: now,
      policy: { ttlMs: config.containment.ttlMs, fourEyes: config.containment.fourEyes },
      isConflict: isETagConflict,
      warn: (event, fields) => containmentLog.warn(fields, event),
    });
    const deps: AppDeps = {
      mde: mde.client,
      portalUrl: cloudEndpoints(config.mde.cloud).portalUrl,
      tenants: { allowed, requireTenant: config.mde.mode === 'live' },
      roles,
      rolesDefault: config.roles.defaultRole,
      rolesConfigured: source.kind !== 'none',
      now,
      containment: {
        service,
        fourEyes: config.containment.fourEyes,
        cards: options.cards,
        auditChannel: options.auditChannel,
        answerWithinMs: options.answerWithinMs,
        background,
        roster: options.roster,
        perUserViews: options.perUserViews ?? Boolean(config.bot.appId),
      },
      audit,
    };
    const router = createRouter(deps, defaultCommands());
    const opened = journal;
    let stopping: Promise<void> | undefined;
    return {
      bot: new VerdictBot(router, logger.child({ component: 'bot' }), options.hooks),
      deps,
      sandbox: mde.sandbox,
      store,
      journal: opened,
      stop() {
        stopping ??= (async () => {
          // Approvals still talking to MDE append their outcome to the journal: let them finish.
          await background.drain();
          await opened.close();
          await mde.sandbox?.stop();
        })();
        return stopping;
      },
    };
  } catch (err) {
    await journal?.close();
    await mde.sandbox?.stop();
    throw err;
  }
}

/** Validates the environment or throws ConfigError naming every bad key. */
export function configFrom(env: Record<string, string | undefined>): Config {
  const loaded = loadConfig(env);
  if (!loaded.ok) throw new ConfigError(loaded.errors);
  return loaded.config;
}

export interface StartOptions {
  logger?: Logger;
  /** The audit outbox's pace (default: Teams' 1 post/s); tests that post many entries speed it up. */
  auditOutbox?: Pick<OutboxOptions, 'minIntervalMs' | 'maxBackoffMs'>;
  /** Where Bot Framework signing keys are fetched (tests point it at a dead or failing host). */
  openIdMetadata?: OpenIdMetadata;
}

/** The composition root: config → clients → bot → server. Everything else receives what it needs. */
export async function startVerdict(env: Record<string, string | undefined>, options: StartOptions = {}): Promise<RunningVerdict> {
  const config = configFrom(env);
  const logger = options.logger ?? createLogger({ level: config.logLevel });
  let trail: AuditTrail | undefined;
  const adapter = createAdapter(config.bot, logger.child({ component: 'adapter' }), options.openIdMetadata);
  const trustServiceUrl = serviceUrlPolicy(Boolean(config.bot.appId));
  const cards = createTeamsCardUpdater({ adapter, appId: config.bot.appId, trustServiceUrl });
  const roster = createTeamsRoster({ adapter, appId: config.bot.appId, trustServiceUrl });
  const built = await buildVerdict(config, logger, {
    afterAudit: () => trail?.kick(),
    hooks: {
      installedInTeam: async (install) => trail?.installedInTeam(install),
      removedFromTeam: async (teamChannelId) => trail?.removedFromTeam(teamChannelId),
      trustServiceUrl,
    },
    cards,
    roster,
    auditChannel: () => Boolean(trail?.channel()),
  });
  const { bot, sandbox } = built;
  const { channelId, serviceUrl } = config.audit;
  try {
    trail = await startAuditTrail({
      configured: channelId && serviceUrl ? { channelId, serviceUrl, tenantId: built.deps.tenants.allowed[0] } : undefined,
      journal: built.journal,
      store: built.store,
      posterFor: (to) => createTeamsChannelPoster({ adapter, appId: config.bot.appId, ...to }),
      roles: built.deps.roles,
      trustServiceUrl,
      logger: logger.child({ component: 'audit-outbox' }),
      pace: options.auditOutbox,
      render: auditChannelRender(built.deps.containment, built.deps.roles, logger.child({ component: 'audit-outbox' })),
    });
  } catch (err) {
    await built.stop();
    throw err;
  }

  let ready = false;
  const server = createServer({ handle: activityHandler(adapter, (context) => bot.run(context)), ready: () => ready, logger, trustServiceUrl, unauthenticated: !config.bot.appId });
  let running;
  try {
    running = await listen(server, config.port, config.host);
  } catch (err) {
    await built.stop();
    throw err;
  }
  ready = true;
  const containment = built.deps.containment?.service;
  const containmentLog = logger.child({ component: 'containment' });
  // Housekeeping's and the follower's changes: everyone's approval card, and the requester's news.
  const redraw = async (request: ContainmentRequest) => {
    await redrawApprovalCard(cards, request, containmentLog);
    await tellRequester(built.deps, request, { notify: newsForRequester(request), log: containmentLog });
  };
  const housekeeping = containment ? startContainmentHousekeeping(containment, containmentLog, { redraw }) : undefined;
  const follower = containment ? startActionFollower(containment, containmentLog, { redraw }) : undefined;
  const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${running.port}`;
  logger.info({ url, mdeMode: config.mde.mode, cloud: config.mde.cloud }, 'verdict listening');

  let stopping: Promise<void> | undefined;
  return {
    url,
    port: running.port,
    config,
    sandbox,
    stop() {
      stopping ??= (async () => {
        ready = false;
        await running.close();
        await housekeeping?.stop();
        await follower?.stop();
        // Approvals still in Defender journal their outcome; the trail may still post it.
        await built.deps.containment?.background?.drain();
        await trail?.stop();
        await built.stop();
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
