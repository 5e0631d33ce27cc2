import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

type Route = (req: IncomingMessage, res: ServerResponse) => void;

export interface FileServer {
  /** http://127.0.0.1:<port> */
  url: string;
  /** Serves `path` with this handler (a Map: paths are test data). */
  route(path: string, handler: Route): void;
  /** Serves `body` as a file at `path`. */
  file(path: string, body: string | Buffer): void;
  /** Every path (without query) requested, in order. */
  requested: string[];
  stop(): Promise<void>;
}

/** A real HTTP file server on 127.0.0.1 and a free port, standing in for OneDrive's download links. */
export async function startFileServer(): Promise<FileServer> {
  const routes = new Map<string, Route>();
  const requested: string[] = [];
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    requested.push(path);
    const handler = routes.get(path);
    if (handler) handler(req, res);
    else {
      res.writeHead(404);
      res.end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    route: (path, handler) => routes.set(path, handler),
    file: (path, body) => routes.set(path, (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/csv' });
      res.end(body);
    }),
    requested,
    stop: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
