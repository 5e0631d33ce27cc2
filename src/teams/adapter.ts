import {
  CallerIdConstants,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
  type Activity,
  type TurnContext,
} from 'botbuilder';
import type { Logger } from 'pino';
import type { Config } from '../config';
import { tokenRefusal } from './token-precheck';
import { answerTurnError } from './turn-error';

/** Where the keys that sign Bot Framework tokens are published; default botbuilder's (Microsoft's). */
export interface OpenIdMetadata {
  /** Tokens from channels (Teams via Azure Bot Service). */
  channel?: string;
  /** Tokens that claim to come from the Emulator or another bot (skills). */
  emulator?: string;
}

/**
 * botbuilder's public-cloud settings, needed whole when one is overridden: naming any one of them
 * makes botbuilder treat the rest as given too (an unset token issuer would refuse every token
 * before its keys are even fetched). Values of botframework-connector's AuthenticationConstants.
 */
function authSettings(openIdMetadata: OpenIdMetadata): Record<string, string | boolean> {
  if (!openIdMetadata.channel && !openIdMetadata.emulator) return {};
  return {
    ValidateAuthority: true,
    ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
    ToChannelFromBotOAuthScope: 'https://api.botframework.com',
    ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
    OAuthUrl: 'https://api.botframework.com',
    ToBotFromChannelOpenIdMetadataUrl: openIdMetadata.channel ?? 'https://login.botframework.com/v1/.well-known/openidconfiguration',
    ToBotFromEmulatorOpenIdMetadataUrl: openIdMetadata.emulator ?? 'https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration',
    CallerId: CallerIdConstants.PublicAzureChannel,
  };
}

/** What became of an activity that passed the envelope check. */
export type Admission =
  | { ok: true; status: number; body?: unknown }
  /** The token (or its absence) did not authenticate; `cause` is for the log, never the client. */
  | { ok: false; cause: unknown };

/**
 * CloudAdapter, answering through values instead of writing the HTTP response itself: its
 * `process` sends the SDK's error text to the caller, calls a forged token's failed key fetch a
 * 500, and logs with console.error.
 */
export class VerdictAdapter extends CloudAdapter {
  constructor(
    authentication: ConfigurationBotFrameworkAuthentication,
    /** The bot's own identity; an empty app id means botbuilder checks no token at all. */
    private readonly identity: { appId: string; tenantId: string },
  ) {
    super(authentication);
  }

  /**
   * Authenticates the activity, then runs the turn. Any failure to authenticate is a refusal,
   * whatever botbuilder threw (an unreachable key host makes it throw a fetch error): an
   * unverified token is never trusted and never a server error. Turn errors reach onTurnError;
   * what escapes it is thrown.
   */
  async admit(activity: Activity, authHeader: string, logic: (context: TurnContext) => Promise<void>): Promise<Admission> {
    const refused = this.identity.appId ? tokenRefusal(authHeader, this.identity.tenantId) : undefined;
    if (refused) return { ok: false, cause: Object.assign(new Error(refused), { statusCode: 401 }) };
    const authenticated = await this.botFrameworkAuthentication.authenticateRequest(activity, authHeader).then(
      (result) => ({ result }),
      (cause: unknown) => ({ cause }),
    );
    if (!('result' in authenticated)) return { ok: false, cause: authenticated.cause };
    const invokeResponse = await this.processActivity(authenticated.result, activity, logic);
    return { ok: true, status: invokeResponse?.status ?? 200, body: invokeResponse?.body };
  }
}

/**
 * The adapter with botbuilder's own identity settings. An empty app id disables inbound JWT
 * checks (local Playground only; config refuses it when the bot listens beyond loopback).
 */
export function createAdapter(bot: Config['bot'], logger: Logger, openIdMetadata: OpenIdMetadata = {}): VerdictAdapter {
  const credentials = new ConfigurationServiceClientCredentialFactory({
    MicrosoftAppId: bot.appId,
    MicrosoftAppPassword: bot.appPassword,
    MicrosoftAppType: bot.appType,
    MicrosoftAppTenantId: bot.appTenantId,
  });
  const adapter = new VerdictAdapter(new ConfigurationBotFrameworkAuthentication(authSettings(openIdMetadata), credentials), {
    appId: bot.appId,
    tenantId: bot.appTenantId,
  });
  adapter.onTurnError = answerTurnError(logger);
  return adapter;
}
