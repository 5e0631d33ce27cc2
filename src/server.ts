import { randomUUID } from 'node:crypto';
import * as restify from 'restify';
import type { Logger } from 'pino';
import type { ActivityHandler } from './teams/activity-handler';
import { readGzipBody } from './gzip-body';
import { checkActivityEnvelope } from './teams/activity-envelope';
import { isLoopbackHost } from './util/loopback';

/** What restify's own errors carry (restify-errors' HttpError, as far as this file reads it). */
interface HttpError extends Error {
  statusCode?: number;
  toJSON?: () => unknown;
}

export interface ServerDeps {
  /** Authenticates an activity and runs its turn (src/teams/activity-handler.ts). */
  handle: ActivityHandler;
  /** Readiness: false while starting or shutting down. */
  ready(): boolean;
  /** What else must work to serve (journal, store, MDE token): reasons in /readyz's body when not. */
  readiness?: () => Promise<{ ready: boolean; reasons: string[] }>;
  logger: Logger;
  /** The Bot Connector endpoints an activity may name: the bot's replies go there. */
  trustServiceUrl(url: string): boolean;
  /** No bot app id: nothing is authenticated, so only local programs (not web pages) are served. */
  unauthenticated: boolean;
}

const MAX_BODY_BYTES = 256 * 1024;

/** What a refused caller is told: the status in words, never why in detail (that is logged). */
const GENERIC = new Map<number, string>([
  [400, 'the activity is malformed'],
  [401, 'not authenticated'],
  [403, 'refused'],
  [404, 'not found'],
  [405, 'method not allowed'],
  [413, 'the request is too large'],
  [415, 'activities must be sent as application/json'],
]);
const genericBody = (status: number, correlationId: string) => ({
  error: GENERIC.get(status) ?? (status >= 500 ? 'internal error' : 'refused'),
  correlationId,
});

interface Refusal {
  status: number;
  /** For the log; a 403's reason is a rule of ours, so the caller is told it too. */
  why: string;
  issues?: string[];
}

/**
 * Why a request to /api/messages is refused before botbuilder sees it, if it is. Without an app
 * id any local caller is believed, so: a browser (it sends Origin; a DNS-rebound page would pass
 * a same-origin check) and a Host that is not loopback are refused. In every mode the activity
 * must have the envelope botbuilder and Verdict read (activity-envelope.ts), including a
 * serviceUrl: without one botbuilder would answer to api.botframework.com. And an activity naming
 * a connector Verdict would not call is refused, since the answer (with Defender data) would go
 * there.
 */
function refusal(req: restify.Request, deps: ServerDeps): Refusal | undefined {
  // JSON only: bodyParser also builds objects from form posts, which any web page can send to a
  // local bot (no CORS preflight for forms), and a local bot runs without authentication.
  if (!req.is('application/json')) return { status: 415, why: 'activities must be sent as application/json' };
  if (deps.unauthenticated) {
    if (req.headers.origin !== undefined) return { status: 403, why: 'a local bot without an app id does not answer browsers' };
    let host = '';
    try {
      host = new URL(`http://${req.headers.host ?? ''}`).hostname;
    } catch {
      host = '';
    }
    if (!isLoopbackHost(host)) return { status: 403, why: 'a local bot without an app id answers only on loopback' };
  }
  const checked = checkActivityEnvelope(req.body);
  if (!checked.ok) return { status: 400, why: 'malformed activity', issues: checked.issues };
  if (!deps.trustServiceUrl(checked.activity.serviceUrl)) return { status: 403, why: 'the activity names a connector Verdict does not answer to' };
  return undefined;
}

export interface RunningServer {
  port: number;
  close(): Promise<void>;
}

/** /api/messages for Bot Framework activities, /healthz (alive) and /readyz (able to serve). */
export function createServer(deps: ServerDeps): restify.Server {
  const server = restify.createServer({ name: 'verdict', handleUncaughtExceptions: false });
  // Before bodyParser, which inflates gzip unsafely (gzip-body.ts): the body is read here, and
  // bodyParser skips reading it again (restify's own `_readBody` flag) and parses the text.
  server.use((req, res, next) => {
    if (req.headers['content-encoding'] !== 'gzip') return next();
    void readGzipBody(req, MAX_BODY_BYTES).then((read) => {
      if (read.ok) {
        Object.assign(req, { body: read.text, _readBody: true });
        return next();
      }
      const correlationId = randomUUID();
      deps.logger.warn({ correlationId, status: read.status, path: req.getPath() }, 'request refused: gzip body');
      res.send(read.status, genericBody(read.status, correlationId));
      return next(false);
    });
  });
  server.use(restify.plugins.bodyParser({ maxBodySize: MAX_BODY_BYTES, mapParams: false }));

  // Errors restify raises itself (bad JSON, a body over the limit, no such route) carry its own
  // text; answer them like ours.
  server.on('restifyError', (req: restify.Request, _res: restify.Response, err: HttpError, callback: () => void) => {
    const correlationId = randomUUID();
    const status = err.statusCode ?? 500;
    // A wrong route or method is everyday noise (the Playground probes the endpoint); bad bodies are not.
    const level = status === 404 || status === 405 ? 'info' : 'warn';
    deps.logger[level]({ correlationId, status, error: err.name, path: req.getPath() }, 'request refused');
    err.toJSON = () => genericBody(status, correlationId);
    return callback();
  });

  server.post('/api/messages', async (req, res) => {
    const correlationId = randomUUID();
    const log = deps.logger.child({ correlationId });
    const refused = refusal(req, deps);
    if (refused) {
      log.warn({ status: refused.status, why: refused.why, issues: refused.issues }, 'activity refused at the door');
      res.send(refused.status, refused.status === 403 ? { error: refused.why, correlationId } : genericBody(refused.status, correlationId));
      return;
    }
    try {
      const authorization = req.headers.authorization ?? '';
      const admitted = await deps.handle(req.body, authorization);
      if (!admitted.ok) {
        // A token that fails its checks is the caller's doing; one that could not be checked (the
        // key host unreachable: no 401 from botbuilder) is an outage an operator should see.
        const checked = (admitted.cause as { statusCode?: unknown } | undefined)?.statusCode === 401;
        if (checked) log.warn({ err: admitted.cause }, 'activity not authenticated');
        else log.error({ err: admitted.cause }, 'activity not authenticated: its token could not be checked');
        res.send(401, genericBody(401, correlationId));
        return;
      }
      res.status(admitted.status);
      if (admitted.body === undefined) res.end();
      else res.send(admitted.body);
    } catch (err) {
      log.error({ err }, 'activity processing failed');
      if (!res.headersSent) res.send(500, genericBody(500, correlationId));
    }
  });
  server.get('/healthz', (_req, res, next) => {
    res.send(200, { status: 'ok' });
    return next();
  });
  server.get('/readyz', async (_req, res) => {
    if (!deps.ready()) {
      res.send(503, { status: 'not ready', reasons: ['starting or stopping'] });
      return;
    }
    const report = (await deps.readiness?.()) ?? { ready: true, reasons: [] };
    res.send(report.ready ? 200 : 503, report.ready ? { status: 'ready' } : { status: 'not ready', reasons: report.reasons });
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
