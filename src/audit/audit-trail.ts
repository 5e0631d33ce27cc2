import type { Logger } from 'pino';
import type { RoleResolver } from '../access';
import { installedAuditChannelStore, isChannelId, isServiceUrl, type AuditChannel } from './audit-channel';
import type { AuditEntry, AuditJournal } from './journal';
import { createOutbox, type ChannelPoster, type Outbox, type OutboxOptions, type RenderOptions } from './outbox';
import { storageOutboxState } from './outbox-wiring';
import { auditChannelCard, auditRootCard } from '../cards/audit-channel-card';
import type { AuditWords } from '../cards/audit-words';
import type { Card } from '../cards/card';
import { interruptibleSleep } from '../util/abortable-sleep';
import type { KeyValueStore } from '../util/key-value-store';

/** Verdict added to a team, as the Teams edge reports it (src/teams' TeamInstall). */
export interface TeamInstall {
  /** The team's General channel. */
  channelId: string;
  teamName?: string;
  serviceUrl: string;
  tenantId?: string;
  by: { aadObjectId?: string; name?: string };
}

/** Draws one entry's channel card; the root gives requests' cards their viewers (app/audit-channel-render.ts). */
export type RenderEntry = (entry: AuditEntry, options: RenderOptions, to: AuditChannel) => Promise<Card>;

/** Redraws a request's first card in the channel (`root`) once `latest` moved the request on. */
export type RenderRoot = (root: AuditEntry, latest: AuditEntry) => Card;

export interface AuditTrailOptions {
  /** AUDIT_CHANNEL_ID + AUDIT_SERVICE_URL, when configured: they always win. */
  configured?: AuditChannel;
  journal: AuditJournal;
  store: KeyValueStore;
  /** Posts to a channel (src/teams' channel poster over the adapter). */
  posterFor(channel: AuditChannel): ChannelPoster;
  roles: RoleResolver;
  logger: Logger;
  /** Which connector endpoints may be called (src/teams/service-url.ts). */
  trustServiceUrl(url: string): boolean;
  /** The outbox's pace; default Teams' (1 post/s). */
  pace?: Pick<OutboxOptions, 'minIntervalMs' | 'maxBackoffMs'>;
  /** The response actions' words for their codes (src/cards/audit-words.ts); without them codes show as they are. */
  words?: AuditWords;
}

export interface AuditTrail {
  /**
   * Loads the channel (configured, else a stored capture) and starts posting. `render` draws the
   * cards (default: each entry's plain card); it is given here, not at creation, because the
   * request cards it draws depend on containment, which itself asks the trail whether there is a channel.
   * `renderRoot` redraws a request's first card as the request moves on (the approval presenter's
   * `auditRoot`); default the plain root card.
   */
  start(render?: RenderEntry, renderRoot?: RenderRoot): Promise<void>;
  /** Something was journaled: deliver it soon (a no-op until there is a channel). */
  kick(): void;
  /** Verdict was added to a team: the team's General channel becomes the audit channel if none is set. */
  installedInTeam(install: TeamInstall): Promise<void>;
  /** Verdict was removed from a team: if it held the captured audit channel, posting stops. */
  removedFromTeam(teamChannelId: string): Promise<void>;
  channel(): AuditChannel | undefined;
  stop(): Promise<void>;
}

/**
 * The audit channel and its outbox. The channel is AUDIT_CHANNEL_ID when configured, else the one
 * captured when an approver installed Verdict in a team (kept in the state store, so it survives
 * restarts). Entries journaled before there was a channel are posted, in order, once there is one.
 */
export function createAuditTrail(opts: AuditTrailOptions): AuditTrail {
  const stored = installedAuditChannelStore(opts.store);
  let channel: AuditChannel | undefined;
  let captured = false;
  let outbox: Outbox | undefined;
  let capturing: Promise<void> | undefined;
  let render: RenderEntry = async (entry, options) => auditChannelCard(entry, { ...options, words: opts.words });
  let renderRoot: RenderRoot = (root, latest) => auditRootCard(root, latest, opts.words);

  const post = (to: AuditChannel) => {
    outbox = createOutbox({
      journal: opts.journal,
      poster: opts.posterFor(to),
      state: storageOutboxState(opts.store),
      channelId: to.channelId,
      render: (entry, options) => render(entry, options, to),
      renderRoot: (root, latest) => renderRoot(root, latest),
      sleep: interruptibleSleep,
      now: Date.now,
      logger: opts.logger,
      ...opts.pace,
    });
    // Entries journaled before a restart (or before there was a channel) go out now, in order.
    outbox.kick();
  };

  async function capture(install: TeamInstall): Promise<void> {
    if (channel) {
      opts.logger.info({ teamName: install.teamName }, 'installed in a team; the audit channel is already set, so it stays where it is');
      return;
    }
    if (!isChannelId(install.channelId) || !isServiceUrl(install.serviceUrl) || !opts.trustServiceUrl(install.serviceUrl)) {
      opts.logger.warn({ teamName: install.teamName }, 'installed in a team, but its channel id or service URL is malformed: not used for the audit trail');
      return;
    }
    // The trail shows hashes, devices and reasons: only someone trusted to approve containment may choose where it goes.
    const roles = await opts.roles.rolesOf({ aadObjectId: install.by.aadObjectId, tenantId: install.tenantId });
    if (!roles.has('approver')) {
      opts.logger.warn({ teamName: install.teamName, by: install.by.aadObjectId }, 'installed in a team by someone who is not an approver: audit channel not set (set AUDIT_CHANNEL_ID, or have an approver add Verdict to the team)');
      return;
    }
    const by = { aadObjectId: install.by.aadObjectId ?? '', name: install.by.name ?? '' };
    const chosen = { channelId: install.channelId, serviceUrl: install.serviceUrl, ...(install.tenantId ? { tenantId: install.tenantId } : {}) };
    // Journaled first: a channel nobody can see being chosen must not exist.
    await opts.journal.append({ type: 'audit.channel-set', actor: by, data: { channelId: install.channelId, teamName: install.teamName ?? null, how: 'installed in the team' } });
    await stored.save({ ...chosen, ...(install.teamName ? { teamName: install.teamName } : {}), capturedAt: new Date().toISOString(), capturedBy: by });
    channel = chosen;
    captured = true;
    opts.logger.info({ teamName: install.teamName }, 'audit channel set: the team this approver installed Verdict in (General channel)');
    post(chosen);
  }

  /**
   * Verdict left the team whose General channel was captured: posts there would fail for good and
   * hold up every later entry, so the outbox stops first; the removal is then journaled and, with
   * everything after it, posted to the next channel an approver installs Verdict in.
   */
  async function release(teamChannelId: string): Promise<void> {
    if (!captured || channel?.channelId !== teamChannelId) return;
    const stopping = outbox;
    outbox = undefined;
    channel = undefined;
    captured = false;
    await stopping?.stop();
    try {
      await stored.clear();
    } catch (err) {
      opts.logger.error({ err }, 'could not forget the audit channel Verdict was removed from; it would be used again after a restart');
    }
    await opts.journal.append({ type: 'audit.channel-set', actor: { name: 'verdict' }, data: { channelId: null, previous: teamChannelId, how: 'Verdict was removed from the team' } });
    opts.logger.warn('removed from the team that held the audit channel: the journal is kept and posted again once an approver installs Verdict in a team (or AUDIT_CHANNEL_ID is set)');
  }

  return {
    async start(drawWith, drawRootWith) {
      if (drawWith) render = drawWith;
      if (drawRootWith) renderRoot = drawRootWith;
      const installed = opts.configured ? undefined : await stored.load();
      // A capture made without authentication (a local run) is never used once the bot has an app id.
      if (installed && !opts.trustServiceUrl(installed.serviceUrl)) opts.logger.warn({ teamName: installed.teamName }, 'the captured audit channel has a service URL Verdict will not call in this mode: ignored');
      const usable = installed && opts.trustServiceUrl(installed.serviceUrl) ? installed : undefined;
      channel = opts.configured ?? usable;
      captured = !opts.configured && Boolean(usable);
      if (channel) post(channel);
      else opts.logger.warn('no audit channel yet (AUDIT_CHANNEL_ID, AUDIT_SERVICE_URL, or an approver installing Verdict in a team): the journal is kept and will be posted once there is one');
    },
    kick: () => outbox?.kick(),
    installedInTeam(install) {
      // One at a time: two installs at once must not both become the channel.
      const run = (capturing ?? Promise.resolve()).then(() => capture(install));
      capturing = run.catch(() => undefined);
      return run;
    },
    removedFromTeam(teamChannelId) {
      const run = (capturing ?? Promise.resolve()).then(() => release(teamChannelId));
      capturing = run.catch(() => undefined);
      return run;
    },
    channel: () => channel,
    stop: async () => {
      await capturing;
      await outbox?.stop();
    },
  };
}
