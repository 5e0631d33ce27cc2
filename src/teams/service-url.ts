import { isLoopbackHost } from '../util/loopback';
import { plainUrl } from '../util/plain-url';

/**
 * Which Bot Connector endpoints Verdict will call, and so send its token to. With a bot app id,
 * botbuilder checks each activity's serviceUrl against the caller's JWT: any https host Teams uses
 * is fine, but never a loopback one. Without one (a local run, no authentication at all), only a
 * loopback connector (the Playground) is, so a forged activity cannot point Verdict elsewhere, and
 * nothing captured locally is trusted once the bot runs with an app id.
 */
export function serviceUrlPolicy(authenticated: boolean): (url: string) => boolean {
  return (url) => {
    const parsed = plainUrl(url);
    if (!parsed) return false;
    const loopback = isLoopbackHost(parsed.hostname);
    if (authenticated) return parsed.protocol === 'https:' && !loopback;
    return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && loopback;
  };
}
