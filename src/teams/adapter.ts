import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
  type TurnContext,
} from 'botbuilder';
import type { Logger } from 'pino';
import type { Config } from '../config';

/**
 * CloudAdapter with botbuilder's own identity settings. An empty app id disables inbound JWT
 * checks (local Playground only; config refuses it when the bot listens beyond loopback).
 */
export function createAdapter(bot: Config['bot'], logger: Logger): CloudAdapter {
  const credentials = new ConfigurationServiceClientCredentialFactory({
    MicrosoftAppId: bot.appId,
    MicrosoftAppPassword: bot.appPassword,
    MicrosoftAppType: bot.appType,
    MicrosoftAppTenantId: bot.appTenantId,
  });
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}, credentials));
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    logger.error({ err: error, activityId: context.activity?.id }, 'unhandled turn error');
    try {
      await context.sendActivity('Verdict hit an unexpected error. Please try again.');
    } catch (sendErr) {
      logger.warn({ err: sendErr }, 'could not tell the user about the turn error');
    }
  };
  return adapter;
}
