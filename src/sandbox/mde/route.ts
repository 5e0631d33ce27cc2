import type { HttpAnswer } from '../http-kit';

/** What a handler gets: the path's captured groups and the request's context. */
export interface RouteRequest {
  params: string[];
  query: URLSearchParams;
  /** 'http://host:port' as the client addressed us, for `@odata.context` links. */
  baseUrl: string;
  /** Parsed JSON body for methods that carry one; undefined otherwise. */
  body: unknown;
  /** The app behind the bearer token (containment routes record it and scope Ti.ReadWrite by it). */
  caller?: { clientId: string; roles: readonly string[] };
}

/**
 * One row of an API family's route table. `path` is matched against what follows `/api` (or
 * `/api/v1.0`). A caller needs at least one of `roles` (MDE accepts e.g. Alert.Read.All or
 * Alert.ReadWrite.All), and the call counts against `family`'s rate limit.
 */
export interface ApiRoute {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: RegExp;
  family: string;
  roles: readonly string[];
  /** A retired API: this answer for every call (counted in its family), before limits and roles. */
  retired?: () => HttpAnswer;
  handle(request: RouteRequest): HttpAnswer;
}
