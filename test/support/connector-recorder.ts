import { createServer, type IncomingMessage, type Server } from 'node:http';

export interface RecordedCall {
  method: string;
  path: string;
  body: Record<string, unknown>;
}

export interface ConnectorAnswer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/**
 * A loopback stand-in for the Bot Connector service that replies are POSTed to (serviceUrl):
 * records every call and answers like the connector ({ id }). `respond` may answer later (or
 * never: a post whose outcome the bot cannot learn).
 */
export async function startConnectorRecorder(
  respond: (call: RecordedCall) => ConnectorAnswer | Promise<ConnectorAnswer> = () => ({ status: 200 }),
  /** Calls answered but not recorded (e.g. the welcome an install turn replies with). */
  ignore: (call: RecordedCall) => boolean = () => false,
): Promise<{ url: string; calls: RecordedCall[]; next(): Promise<RecordedCall>; stop(): Promise<void> }> {
  const calls: RecordedCall[] = [];
  const waiters: ((c: RecordedCall) => void)[] = [];
  let counter = 0;
  const read = async (req: IncomingMessage) => {
    let raw = '';
    for await (const chunk of req) raw += chunk;
    return raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
  };
  const server: Server = createServer(async (req, res) => {
    const call = { method: req.method ?? '', path: req.url ?? '', body: await read(req) };
    if (!ignore(call)) {
      calls.push(call);
      waiters.shift()?.(call);
    }
    const answer = await respond(call);
    res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
    res.end(JSON.stringify(answer.body ?? { id: `sent-${++counter}` }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  let seen = 0;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    next: () => {
      const existing = calls[seen];
      if (existing) {
        seen++;
        return Promise.resolve(existing);
      }
      return new Promise((resolve) => waiters.push((c) => (seen++, resolve(c))));
    },
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
