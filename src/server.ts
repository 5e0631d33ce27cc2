import * as restify from 'restify';
import type { CloudAdapter, TurnContext } from 'botbuilder';
import type { Logger } from 'pino';

export interface ServerDeps {
  adapter: CloudAdapter;
  run(context: TurnContext): Promise<void>;
  /** Readiness: false while starting or shutting down. */
  ready(): boolean;
  logger: Logger;
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
    if (!req.is('application/json')) {
      res.send(415, { error: 'activities must be sent as application/json' });
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
