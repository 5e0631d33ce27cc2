import type { Server as HttpServer, IncomingMessage, ServerResponse } from 'node:http';
import type { Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { BodyTooLargeError, writeAnswer } from './http-kit';
import { mdeError } from './mde/mde-errors';

type AnyServer = HttpServer | HttpsServer;

export function listen(server: AnyServer, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** Stops accepting, then ends every connection, idle keep-alive and held (timeout fault) alike. */
export function close(server: AnyServer): Promise<void> {
  if (!server.listening) return Promise.resolve();
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/**
 * Attaches a handler, turning anything it throws into a 500 with a correlation id (and the full
 * error in the log), so one bad request never takes the sandbox down.
 */
export function serve(
  server: AnyServer,
  origin: string,
  logger: Logger,
  handle: (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>,
): void {
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', origin);
    handle(req, res, url).catch((error: unknown) => {
      // Half an answer already went out: all that is left is to cut the connection.
      if (res.headersSent) {
        logger.error({ err: error, method: req.method, path: url.pathname }, 'sandbox failed after answering');
        res.destroy();
        return;
      }
      if (error instanceof BodyTooLargeError) {
        writeAnswer(res, mdeError(413, 'BadRequest', error.message));
        return;
      }
      const answer = mdeError(500, 'InternalServerError', 'The sandbox failed to handle the request');
      logger.error({ err: error, method: req.method, path: url.pathname, target: (answer.body as { error: { target: string } }).error.target }, 'sandbox request failed');
      writeAnswer(res, answer);
    });
  });
}
