import { randomUUID } from 'node:crypto';
import {
  TeamsActivityHandler,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type TurnContext,
} from 'botbuilder';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { Router } from '../app/router';
import type { FileRead } from '../app/turn';
import type { Card } from '../cards/card';
import { isKeepCard, type ActionAnswer } from '../app/action-answer';
import { internalErrorCard } from '../cards/error-card';
import { turnFromContext } from './turn-from-context';
import { cardActivity } from './card-activity';

const CARD = 'application/vnd.microsoft.card.adaptive';
const MESSAGE = 'application/vnd.microsoft.activity.message';

/** Card data is untrusted: a verb string and a flat record of strings, nothing more. */
const actionSchema = z.object({
  verb: z.string().min(1).max(100),
  data: z.record(z.string(), z.unknown()).default({}),
});

/** Verdict was added to a team: where its General channel is, and who added it. */
// What an install carries is the audit trail's to define (it decides what the install captures).
import type { TeamInstall } from '../audit/audit-trail';
export type { TeamInstall };

export interface BotHooks {
  /** Verdict was installed in (added to) a team. Errors are logged, never shown. */
  installedInTeam?(install: TeamInstall): Promise<void>;
  /** Verdict was removed from a team (uninstalled, or the team deleted). */
  removedFromTeam?(teamChannelId: string): Promise<void>;
  /** Which serviceUrls may be kept for later proactive calls (see service-url.ts); default none. */
  trustServiceUrl?(url: string): boolean;
  /** Downloads a file sent in personal chat (see file-download.ts); default: none is read. */
  readFile?(url: string): Promise<FileRead>;
}

/**
 * The botbuilder edge. Maps activities to Turns, hands them to the router, and turns unexpected
 * exceptions into a generic card with a correlation id (the full error goes to the log only).
 */
export class VerdictBot extends TeamsActivityHandler {
  constructor(
    private readonly router: Router,
    private readonly logger: Logger,
    private readonly hooks: BotHooks = {},
  ) {
    super();
    // Teams says "installed in a team" both ways, depending on the client and the install path.
    this.onConversationUpdate(async (context, next) => {
      const added = context.activity.membersAdded ?? [];
      if (added.some((m) => m.id === context.activity.recipient?.id)) {
        await this.noticeInstall(context);
        await this.welcome(context);
      }
      await next();
    });
    this.onInstallationUpdateAdd(async (context, next) => {
      await this.noticeInstall(context);
      // An app update ("add-upgrade") is not a first open: no welcome.
      if (context.activity.action === 'add') await this.welcome(context);
      await next();
    });
    this.onInstallationUpdateRemove(async (context, next) => {
      await this.noticeRemoval(context);
      await next();
    });
    this.onConversationUpdate(async (context, next) => {
      const removed = context.activity.membersRemoved ?? [];
      if (removed.some((m) => m.id === context.activity.recipient?.id)) await this.noticeRemoval(context);
      await next();
    });
    this.onMessage(async (context, next) => {
      const value = context.activity.value as Record<string, unknown> | undefined;
      if (value && typeof value === 'object' && !context.activity.text) {
        await this.handleSubmit(context, value);
      } else {
        await this.handleMessage(context);
      }
      await next();
    });
  }

  private async noticeInstall(context: TurnContext): Promise<void> {
    const a = context.activity;
    const channelData = (a.channelData ?? {}) as { team?: { id?: unknown; name?: unknown }; tenant?: { id?: unknown } };
    const teamId = channelData.team?.id;
    if (!this.hooks.installedInTeam || typeof teamId !== 'string' || !a.serviceUrl) return;
    if (!this.hooks.trustServiceUrl?.(a.serviceUrl)) {
      this.turnLogger(context).warn('install event with a serviceUrl Verdict will not call: ignored');
      return;
    }
    const tenantId = typeof channelData.tenant?.id === 'string' ? channelData.tenant.id : a.conversation?.tenantId;
    const install: TeamInstall = { channelId: teamId, serviceUrl: a.serviceUrl, tenantId, by: { aadObjectId: a.from?.aadObjectId, name: a.from?.name } };
    if (typeof channelData.team?.name === 'string') install.teamName = channelData.team.name;
    try {
      await this.hooks.installedInTeam(install);
    } catch (err) {
      this.turnLogger(context).error({ err }, 'handling the team install failed');
    }
  }

  /** Installed or first opened: the router welcomes the conversation (once). Errors are logged only. */
  private async welcome(context: TurnContext): Promise<void> {
    if (!this.router.welcome) return;
    const log = this.turnLogger(context, { event: context.activity.type });
    try {
      await this.router.welcome(turnFromContext(context, log, undefined, this.hooks.trustServiceUrl));
    } catch (err) {
      log.error({ err }, 'welcome failed');
    }
  }

  private async noticeRemoval(context: TurnContext): Promise<void> {
    const teamId = (context.activity.channelData as { team?: { id?: unknown } } | undefined)?.team?.id;
    if (!this.hooks.removedFromTeam || typeof teamId !== 'string') return;
    try {
      await this.hooks.removedFromTeam(teamId);
    } catch (err) {
      this.turnLogger(context).error({ err }, 'handling the removal from a team failed');
    }
  }

  private turnLogger(context: TurnContext, extra: Record<string, unknown> = {}): Logger {
    const a = context.activity;
    return this.logger.child({ activityId: a.id, conversationId: a.conversation?.id, ...extra });
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const log = this.turnLogger(context);
    const turn = turnFromContext(context, log, undefined, this.hooks.trustServiceUrl, this.hooks.readFile?.bind(this.hooks));
    try {
      await this.router.handleMessage(turn);
    } catch (err) {
      await turn.reply(this.failure(log, err));
    }
  }

  /** Action.Submit fallback (older clients): the card data arrives as a message with `value`. */
  private async handleSubmit(context: TurnContext, value: Record<string, unknown>): Promise<void> {
    const { verb, ...data } = value;
    const card = await this.runAction(context, { verb, data });
    // The clicked card stays (what the click produced was sent as a new message).
    if (isKeepCard(card)) return;
    const replyToId = context.activity.replyToId;
    if (replyToId) await context.updateActivity({ ...cardActivity(card), id: replyToId });
    else await context.sendActivity(cardActivity(card));
  }

  protected override async onAdaptiveCardInvoke(
    context: TurnContext,
    invokeValue: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    const card = await this.runAction(context, { verb: invokeValue.action?.verb, data: invokeValue.action?.data ?? {} });
    // Universal Actions' message answer: the client keeps the clicked card and shows the line under it.
    if (isKeepCard(card)) return { statusCode: 200, type: MESSAGE, value: card.message as never };
    return { statusCode: 200, type: CARD, value: card as unknown as Record<string, unknown> };
  }

  private async runAction(context: TurnContext, raw: { verb: unknown; data: unknown }): Promise<ActionAnswer> {
    const parsed = actionSchema.safeParse(raw);
    const action = parsed.success ? parsed.data : { verb: '', data: {} };
    const log = this.turnLogger(context, { verb: action.verb });
    if (!parsed.success) log.warn({ issues: parsed.error.issues.map((i) => i.path.join('.')) }, 'malformed card action');
    try {
      return await this.router.handleAction(turnFromContext(context, log, action, this.hooks.trustServiceUrl));
    } catch (err) {
      return this.failure(log, err);
    }
  }

  private failure(log: Logger, err: unknown): Card {
    const correlationId = randomUUID();
    log.error({ err, correlationId }, 'turn failed');
    return internalErrorCard({ correlationId });
  }
}
