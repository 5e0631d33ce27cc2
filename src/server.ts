import * as restify from 'restify';
import type { CloudAdapter, TurnContext } from 'botbuilder';
import type { Logger } from 'pino';

export interface ServerDeps {
  adapter: CloudAdapter;
  run(context: TurnContext): Promise<void>;
  /** Readiness: false while starting or shutting down. */
  ready(): boolean;
  logger: Logger;
  /** The Bot Connector endpoints an activity may name: the bot's replies go there. */
  trustServiceUrl(url: string): boolean;
  /** No bot app id: nothing is authenticated, so only local programs (not web pages) are served. */
  unauthenticated: boolean;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Why a request to /api/messages is refused before botbuilder sees it, if it is. Without an app
 * id any local caller is believed, so: a browser (it sends Origin; a DNS-rebound page would pass
 * a same-origin check) and a Host that is not loopback are refused. In every mode an activity
 * naming a connector Verdict would not call is refused, since the answer (with Defender data) would
 * go there.
 */
function refusal(req: restify.Request, deps: ServerDeps): string | undefined {
  if (!req.is('application/json')) return 'activities must be sent as application/json';
  if (deps.unauthenticated) {
    if (req.headers.origin !== undefined) return 'a local bot without an app id does not answer browsers';
    let host = '';
    try {
      host = new URL(`http://${req.headers.host ?? ''}`).hostname;
    } catch {
      host = '';
    }
    if (!LOOPBACK_HOSTS.has(host)) return 'a local bot without an app id answers only on loopback';
  }
  const serviceUrl = (req.body as { serviceUrl?: unknown } | undefined)?.serviceUrl;
  if (typeof serviceUrl === 'string' && !deps.trustServiceUrl(serviceUrl)) return 'the activity names a connector Verdict does not answer to';
  return undefined;
}

export interface RunningServer {
  port: number;
  close(): Promise<void>;
}

/** /api/messages for Bot Framework activities, /healthz (alive) and /readyz (able to serve). */
export function createServer(deps: ServerDeps): restify.Server {
  const server = restify.createServer({ name: 'verdict', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: 256 * 1024, mapParams: false }));

  server.post('/api/messages', async (req, res) => {
    // JSON only: bodyParser also builds objects from form posts, which any web page can send to a
    // local bot (no CORS preflight for forms), and a local bot runs without authentication.
    const refused = refusal(req, deps);
    if (refused) {
      deps.logger.warn({ why: refused }, 'activity refused at the door');
      res.send(req.is('application/json') ? 403 : 415, { error: refused });
      return;
    }
    try {
      await deps.adapter.process(req, res, deps.run);
    } catch (err) {
      deps.logger.error({ err }, 'activity processing failed');
      if (!res.headersSent) res.send(500, { error: 'internal error' });
    }
  });
  server.get('/healthz', (_req, res, next) => {
    res.send(200, { status: 'ok' });
    return next();
  });
  server.get('/readyz', (_req, res, next) => {
    const ready = deps.ready();
    res.send(ready ? 200 : 503, { status: ready ? 'ready' : 'not ready' });
    return next();
  });
  return server;
}

export function listen(server: restify.Server, port: number, host: string): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.removeListener('error', reject);
      const address = server.address();
      resolve({
        port: address.port,
        close: () =>
          new Promise<void>((done) => {
            server.server.closeAllConnections?.();
            server.close(() => done());
          }),
      });
    });
  });
}
