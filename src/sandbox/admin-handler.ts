import type { IncomingMessage } from 'node:http';
import { createFaultSchema, describeIssues, type FaultQueue } from './fault-queue';
import { isLoopbackHost } from '../util/loopback';
import { readBody, type HttpAnswer } from './http-kit';
import { mdeError } from './mde/mde-errors';
import type { StatsRecorder } from './stats';
import type { Fault } from './types';

export const ADMIN_PREFIX = '/_sandbox/';
const BODY_LIMIT_BYTES = 16 * 1024;

export interface AdminDeps {
  faults: FaultQueue;
  stats: StatsRecorder;
  /** Families a fault may name, for validation messages. */
  families: readonly string[];
}

/**
 * The admin surface for people trying the bot by hand and for e2e tests:
 *   POST /_sandbox/faults (a Fault as JSON), DELETE /_sandbox/faults, GET /_sandbox/faults,
 *   GET /_sandbox/stats.
 * It changes how the sandbox behaves for everyone, so it answers loopback callers only, even when
 * the sandbox was bound to a wider interface.
 */
export function createAdminHandler(deps: AdminDeps) {
  const schema = createFaultSchema(deps.families);

  return async function handleAdmin(req: IncomingMessage, url: URL): Promise<HttpAnswer> {
    if (!isLoopbackHost(req.socket.remoteAddress)) {
      return mdeError(403, 'Forbidden', 'The sandbox admin endpoints answer loopback callers only');
    }
    const route = `${req.method ?? 'GET'} ${url.pathname.replace(/\/+$/, '')}`;
    switch (route) {
      case 'GET /_sandbox/stats':
        return { status: 200, body: deps.stats.snapshot() };
      case 'GET /_sandbox/faults':
        return { status: 200, body: { pending: deps.faults.pending() } };
      case 'DELETE /_sandbox/faults':
        return { status: 200, body: { cleared: deps.faults.clear() } };
      case 'POST /_sandbox/faults':
        return injectFault(req);
      default:
        return mdeError(404, 'NotFound', `No sandbox admin endpoint ${route}; try POST|GET|DELETE /_sandbox/faults or GET /_sandbox/stats`);
    }
  };

  async function injectFault(req: IncomingMessage): Promise<HttpAnswer> {
    let json: unknown;
    try {
      json = JSON.parse(await readBody(req, BODY_LIMIT_BYTES));
    } catch (error) {
      const reason = error instanceof SyntaxError ? 'the body is not valid JSON' : (error as Error).message;
      return mdeError(400, 'InvalidRequestBody', `Expected a fault as JSON, e.g. {"type":"status","status":503,"times":2}: ${reason}`);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) return mdeError(400, 'InvalidRequestBody', `Invalid fault: ${describeIssues(parsed.error)}`);
    deps.faults.inject(parsed.data as Fault);
    return { status: 201, body: { injected: parsed.data, pending: deps.faults.pending().length } };
  }
}
