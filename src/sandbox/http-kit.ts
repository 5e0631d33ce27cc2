import type { IncomingMessage, ServerResponse } from 'node:http';

/** What a route decides; the server writes it (after any latency) in one place. */
export interface HttpAnswer {
  status: number;
  /** A JSON value, or a string written as is (used for deliberately broken bodies). */
  body?: unknown;
  headers?: Record<string, string>;
}

export class BodyTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(`request body larger than ${limitBytes} bytes`);
    this.name = 'BodyTooLargeError';
  }
}

/** Reads the whole body, refusing more than `limitBytes` so a stray upload cannot exhaust memory. */
export function readBody(req: IncomingMessage, limitBytes: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limitBytes) {
        reject(new BodyTooLargeError(limitBytes));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const JSON_TYPE = 'application/json; charset=utf-8';

export function writeAnswer(res: ServerResponse, answer: HttpAnswer): void {
  // The client may have given up (timeout tests) or stop() may have destroyed the socket.
  if (res.destroyed || res.writableEnded) return;
  const headers: Record<string, string> = { 'content-type': JSON_TYPE, ...answer.headers };
  // Never chain on writeHead's return value: restify, loaded in the same process by `npm start`,
  // patches ServerResponse.prototype.writeHead into a function that returns undefined.
  if (answer.body === undefined) {
    delete headers['content-type'];
    res.writeHead(answer.status, headers);
    res.end();
    return;
  }
  const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
  headers['content-length'] = String(Buffer.byteLength(text));
  res.writeHead(answer.status, headers);
  res.end(text);
}

/**
 * A 200 whose JSON body stops halfway, as a proxy cutting a response short would leave it. Any
 * proper prefix of a serialised object or array is invalid JSON, so half of it always is.
 */
export function truncateBody(answer: HttpAnswer): HttpAnswer {
  const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body ?? {});
  return { status: 200, headers: answer.headers, body: text.slice(0, Math.max(1, Math.floor(text.length / 2))) };
}

/** `new URL` needs brackets around IPv6 literals. */
export const urlHost = (host: string, port: number): string => `${host.includes(':') ? `[${host}]` : host}:${port}`;
