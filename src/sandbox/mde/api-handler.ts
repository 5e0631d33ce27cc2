import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { MDE_AUDIENCE } from '../entra/resources';
import type { TokenStore } from '../entra/token-store';
import { retryAfterHeaders, type FaultQueue } from '../fault-queue';
import { readBody, truncateBody, writeAnswer, type HttpAnswer } from '../http-kit';
import { retryAfterSeconds, type FamilyLimiters } from '../rate-limits';
import type { RequestLog } from '../request-log';
import type { Sleeper } from '../sleeper';
import type { StatsRecorder } from '../stats';
import { defaultMdeCode, mdeError } from './mde-errors';
import type { ApiRoute } from './route';

export interface ApiHandlerDeps {
  routes: readonly ApiRoute[];
  tokens: TokenStore;
  limiters: FamilyLimiters;
  faults: FaultQueue;
  stats: StatsRecorder;
  sleeper: Sleeper;
  latencyMs: number;
  /** Extra time per family (the latency model), for answers that reached an API and were not throttled. */
  latencyFor?: (family: string) => number;
  logger: Logger;
  /** Where the requests the routes answered are kept (see request-log.ts); default nowhere. */
  received?: RequestLog;
}

/** `/api/...` or `/api/v1.0/...` (reference §0: the version prefix is optional). */
const API_PREFIX = /^\/api(?:\/v1\.0)?(\/.*)$/i;
const BODY_LIMIT_BYTES = 1024 * 1024;

/** An answer to write after `extraLatencyMs` (on top of the configured latency), or none at all. */
type Outcome = { hold: true; family: string } | { hold: false; answer: HttpAnswer; family?: string; extraLatencyMs?: number };

type Matched = { route: ApiRoute; params: string[] } | { route: undefined; methodMismatch: boolean };

function matchRoute(routes: readonly ApiRoute[], method: string, path: string): Matched {
  let methodMismatch = false;
  for (const route of routes) {
    const m = route.path.exec(path);
    if (!m) continue;
    if (route.method === method) return { route, params: m.slice(1).map((p) => safeDecode(p ?? '')) };
    methodMismatch = true;
  }
  return { route: undefined, methodMismatch };
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment; // a malformed escape is kept verbatim; the route's own validation rejects it
  }
}

/**
 * The MDE API pipeline, in the order a real gateway works: authenticate, find the API, count the
 * call against its family's limit (a throttled call is refused before it costs anything and is not
 * recorded in the window), check the app's roles, then apply any injected fault, then answer after
 * the configured latency.
 */
export function createApiHandler(deps: ApiHandlerDeps) {
  const { routes, tokens, limiters, faults, stats, sleeper, logger } = deps;

  const decide = async (req: IncomingMessage, url: URL): Promise<Outcome> => {
    const method = (req.method ?? 'GET').toUpperCase();
    const path = API_PREFIX.exec(url.pathname)?.[1] ?? url.pathname;

    const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const grant = bearer ? tokens.lookup(bearer) : undefined;
    if (!grant || grant.audience !== MDE_AUDIENCE) {
      const why = !bearer ? 'Authorization header with a bearer token is missing' : grant ? 'token audience is not the MDE API' : 'token is invalid or expired';
      return { hold: false, answer: mdeError(401, 'Unauthorized', `Unauthorized: ${why}`) };
    }

    const matched = matchRoute(routes, method, path);
    if (!matched.route) {
      return matched.methodMismatch
        ? { hold: false, answer: mdeError(405, 'MethodNotAllowed', `${method} is not supported on ${url.pathname}`) }
        : { hold: false, answer: mdeError(404, 'NotFound', `No API at ${url.pathname}`) };
    }
    const { route, params } = matched;
    stats.familyCall(route.family);
    if (route.retired) return { hold: false, family: route.family, answer: route.retired() };

    const admission = limiters.admit(route.family);
    if (!admission.ok) {
      stats.throttled();
      const seconds = retryAfterSeconds(admission.retryAfterMs);
      return {
        hold: false,
        family: route.family,
        answer: mdeError(429, 'TooManyRequests', `Rate limit exceeded for this API. Try again in ${seconds} seconds.`, { 'retry-after': String(seconds) }),
      };
    }

    if (!route.roles.some((role) => grant.roles.includes(role))) {
      return {
        hold: false,
        family: route.family,
        answer: mdeError(403, 'Forbidden', `Missing application roles. API required roles: ${route.roles.join(', ')}. Application roles: ${grant.roles.join(', ') || '(none)'}.`),
      };
    }

    const fault = faults.take(route.family, method);
    if (fault?.type === 'timeout') return { hold: true, family: route.family };
    if (fault?.type === 'status') {
      const code = fault.code ?? defaultMdeCode(fault.status);
      return { hold: false, family: route.family, answer: mdeError(fault.status, code, `Injected fault: ${code}`, retryAfterHeaders(fault), fault.target) };
    }

    const body = method === 'GET' || method === 'DELETE' ? undefined : await readJson(req);
    if (body instanceof Error) return { hold: false, family: route.family, answer: mdeError(400, 'InvalidRequestBody', body.message) };
    const baseUrl = `http://${req.headers.host ?? url.host}`;
    const answer = route.handle({ params, query: url.searchParams, baseUrl, body, caller: { clientId: grant.clientId, roles: grant.roles } });
    deps.received?.record({ method, path, family: route.family, body, status: answer.status });
    return {
      hold: false,
      family: route.family,
      extraLatencyMs: fault?.type === 'latency' ? fault.ms : 0,
      answer: fault?.type === 'malformed' ? truncateBody(answer) : answer,
    };
  };

  return async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    stats.apiCall();
    const outcome = await decide(req, url);
    if (outcome.hold) {
      // Never answered: the client gives up, or stop() destroys the socket (closeAllConnections).
      logger.debug({ family: outcome.family, path: url.pathname }, 'sandbox holding request (timeout fault)');
      return;
    }
    const answer = outcome.answer;
    const modelled = outcome.family && answer.status !== 429 ? (deps.latencyFor?.(outcome.family) ?? 0) : 0;
    const elapsed = await sleeper.sleep(deps.latencyMs + modelled + (outcome.extraLatencyMs ?? 0));
    if (!elapsed) return; // stopped while waiting: the socket is being destroyed
    writeAnswer(res, answer);
    const target = (answer.body as { error?: { target?: string } } | undefined)?.error?.target;
    logger.debug({ method: req.method, path: url.pathname, family: outcome.family, status: answer.status, target }, 'sandbox api call');
  };
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const text = await readBody(req, BODY_LIMIT_BYTES);
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return new Error('Request body is not valid JSON');
  }
}
