import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { z } from 'zod';
import { GRAPH_AUDIENCE } from '../entra/resources';
import type { TokenStore } from '../entra/token-store';
import { GRAPH_FAMILY, type FaultQueue } from '../fault-queue';
import { readBody, truncateBody, writeAnswer, type HttpAnswer } from '../http-kit';
import type { Sleeper } from '../sleeper';
import type { Directory } from './directory';
import { defaultGraphCode, graphError, injectedGraphFault } from './graph-errors';
import { RUN_HUNTING_QUERY, type createRunHuntingQuery } from './run-hunting-query';

/** Faults for Graph name it: `sb.faults.inject({ family: 'graph', … })`. */
export { GRAPH_FAMILY };

/** Paths the Graph simulator owns on the sandbox's HTTP listener. */
export const isGraphPath = (pathname: string): boolean => /^\/v1\.0(\/|$)/i.test(pathname);

const CHECK_MEMBER_GROUPS = /^\/v1\.0\/users\/([^/]+)\/checkMemberGroups$/i;
const TRANSITIVE_MEMBERS = /^\/v1\.0\/groups\/([^/]+)\/transitiveMembers$/i;
/** Graph's default and largest page of directory objects. */
const DEFAULT_PAGE = 100;
const MAX_PAGE = 999;
const MAX_GROUP_IDS = 20;
const BODY_LIMIT_BYTES = 64 * 1024;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const bodySchema = z.object({ groupIds: z.array(z.string()) });

/** Either permission of each pair suffices (reference §3: least privileged first). */
const USER_READ = ['User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'];
const GROUP_READ = ['GroupMember.Read.All', 'Group.Read.All', 'Directory.Read.All', 'Directory.ReadWrite.All'];

export interface GraphHandlerDeps {
  tokens: TokenStore;
  directory: Directory;
  faults: FaultQueue;
  sleeper: Sleeper;
  logger: Logger;
  /** POST /v1.0/security/runHuntingQuery; without it the path is unknown, as for an app on another cloud. */
  runHuntingQuery?: ReturnType<typeof createRunHuntingQuery>;
}

/**
 * Microsoft Graph as Verdict uses it: `POST /v1.0/users/{id}/checkMemberGroups`,
 * `GET /v1.0/groups/{id}/transitiveMembers` and `POST /v1.0/security/runHuntingQuery`, with Graph's
 * authentication, permission and error behaviour, and the sandbox's injectable faults.
 */
export function createGraphHandler(deps: GraphHandlerDeps) {
  const decide = async (req: IncomingMessage, url: URL): Promise<HttpAnswer | 'hold'> => {
    const clientRequestId = typeof req.headers['client-request-id'] === 'string' ? req.headers['client-request-id'].slice(0, 100) : undefined;
    const fail = (status: number, code: string, message: string, headers?: Record<string, string>) => graphError(status, code, message, clientRequestId, headers);

    const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const grant = bearer ? deps.tokens.lookup(bearer) : undefined;
    if (!bearer) return fail(401, 'InvalidAuthenticationToken', 'Access token is empty.');
    if (!grant) return fail(401, 'InvalidAuthenticationToken', 'Access token validation failure.');
    if (grant.audience !== GRAPH_AUDIENCE) return fail(401, 'InvalidAuthenticationToken', 'Access token validation failure. Invalid audience.');

    if (deps.runHuntingQuery && RUN_HUNTING_QUERY.test(url.pathname)) {
      const reply = await deps.runHuntingQuery(req, grant, clientRequestId);
      if (reply === 'hold' || !(await deps.sleeper.sleep(reply.runMs))) return 'hold';
      return reply.answer;
    }

    const members = TRANSITIVE_MEMBERS.exec(url.pathname);
    if (members) {
      if ((req.method ?? 'GET').toUpperCase() !== 'GET') return fail(405, 'BadRequest', 'Specified HTTP method is not allowed for the request uri.');
      if (!GROUP_READ.some((r) => grant.roles.includes(r))) return fail(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
      const fault = deps.faults.take(GRAPH_FAMILY, req.method);
      if (fault?.type === 'timeout') return 'hold';
      if (fault?.type === 'latency' && !(await deps.sleeper.sleep(fault.ms))) return 'hold';
      if (fault?.type === 'status') return fail(fault.status, fault.code ?? defaultGraphCode(fault.status), `Injected fault: ${fault.code ?? fault.status}`);
      const answer = transitiveMembers(req, url, safeDecode(members[1] ?? ''), clientRequestId);
      return fault?.type === 'malformed' ? truncateBody(answer) : answer;
    }

    const route = CHECK_MEMBER_GROUPS.exec(url.pathname);
    if (!route) return fail(400, 'BadRequest', `Resource not found for the segment '${(url.pathname.split('/').filter(Boolean).pop() ?? '').slice(0, 100)}'.`);
    if ((req.method ?? 'GET').toUpperCase() !== 'POST') return fail(405, 'BadRequest', 'Specified HTTP method is not allowed for the request uri.');
    if (!USER_READ.some((r) => grant.roles.includes(r)) || !GROUP_READ.some((r) => grant.roles.includes(r))) {
      return fail(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
    }

    const fault = deps.faults.take(GRAPH_FAMILY, req.method);
    if (fault?.type === 'timeout') return 'hold';
    if (fault?.type === 'latency' && !(await deps.sleeper.sleep(fault.ms))) return 'hold';
    if (fault?.type === 'status') return injectedGraphFault(fault, clientRequestId);

    let json: unknown;
    try {
      json = JSON.parse(await readBody(req, BODY_LIMIT_BYTES));
    } catch (error) {
      if (!(error instanceof SyntaxError)) throw error;
      return fail(400, 'BadRequest', 'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.');
    }
    const body = bodySchema.safeParse(json);
    if (!body.success) return fail(400, 'Request_BadRequest', "Invalid request body: expected { \"groupIds\": [ … ] }.");
    const { groupIds } = body.data;
    if (groupIds.length > MAX_GROUP_IDS) return fail(400, 'Request_BadRequest', `The number of groupIds in the request (${groupIds.length}) exceeds the maximum allowed (${MAX_GROUP_IDS}).`);
    const badId = groupIds.find((id) => !GUID.test(id));
    if (badId !== undefined) return fail(400, 'Request_BadRequest', `Invalid GUID: '${badId.slice(0, 64)}'.`);

    const userId = safeDecode(route[1] ?? '');
    const groups = deps.directory.groupsOf(userId);
    if (!groups) return fail(404, 'Request_ResourceNotFound', `Resource '${userId.slice(0, 100)}' does not exist or one of its queried reference-property objects are not present.`);

    const baseUrl = `http://${req.headers.host ?? url.host}`;
    const answer: HttpAnswer = {
      status: 200,
      headers: { 'request-id': randomUUID(), ...(clientRequestId ? { 'client-request-id': clientRequestId } : {}) },
      body: {
        '@odata.context': `${baseUrl}/v1.0/$metadata#Collection(Edm.String)`,
        value: [...new Set(groupIds.map((id) => id.toLowerCase()))].filter((id) => groups.has(id)),
      },
    };
    return fault?.type === 'malformed' ? truncateBody(answer) : answer;
  };

  /** `GET /groups/{id}/transitiveMembers`: users only (the demo has no nested groups), paged by $top/$skiptoken. */
  function transitiveMembers(req: IncomingMessage, url: URL, groupId: string, clientRequestId: string | undefined): HttpAnswer {
    const users = GUID.test(groupId) ? deps.directory.usersIn(groupId) : undefined;
    if (!users) return graphError(404, 'Request_ResourceNotFound', `Resource '${groupId.slice(0, 100)}' does not exist or one of its queried reference-property objects are not present.`, clientRequestId);
    const top = Math.min(MAX_PAGE, Math.max(1, Number(url.searchParams.get('$top') ?? DEFAULT_PAGE) || DEFAULT_PAGE));
    const skip = Math.max(0, Number(url.searchParams.get('$skiptoken') ?? 0) || 0);
    const page = users.slice(skip, skip + top);
    const baseUrl = `http://${req.headers.host ?? url.host}`;
    const next = new URL(url.pathname, baseUrl);
    for (const [k, v] of url.searchParams) if (k !== '$skiptoken') next.searchParams.set(k, v);
    next.searchParams.set('$skiptoken', String(skip + top));
    return {
      status: 200,
      headers: { 'request-id': randomUUID(), ...(clientRequestId ? { 'client-request-id': clientRequestId } : {}) },
      body: {
        '@odata.context': `${baseUrl}/v1.0/$metadata#directoryObjects(id)`,
        value: page.map((id) => ({ '@odata.type': '#microsoft.graph.user', id })),
        ...(skip + top < users.length ? { '@odata.nextLink': next.toString() } : {}),
      },
    };
  }

  return async function handleGraph(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const answer = await decide(req, url);
    if (answer === 'hold') {
      deps.logger.debug({ path: url.pathname }, 'sandbox holding graph request (fault)');
      return;
    }
    writeAnswer(res, answer);
    deps.logger.debug({ method: req.method, path: url.pathname, status: answer.status }, 'sandbox graph call');
  };
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment; // a malformed escape names no user: the lookup below answers 404
  }
}
