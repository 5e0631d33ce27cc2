import { getAlert, getAlertFiles, getAlertMachine } from './alerts';
import type { MdeClient } from './client';
import { getFileAlerts, getFileMachines, getFileStats } from './file-related';
import { getFile } from './files';
import { getFileProfiles } from './hunting';
import { createHuntingRunner } from './hunting-runner';
import { graphHuntingRunner, mdeHuntingRunner, type HuntingApi, type HuntingRunner } from './hunting-transport';
import { getMachine } from './machines';
import { resolveMd5s } from './md5-resolution';
import { createMdeRateLimiter, type MdeRateLimiter } from './rate-limiter';
import { createMdeRequest, type MdeRequest, type MdeRequestOptions } from './request';
import type { TokenProvider } from './token-provider';

export interface HttpMdeClientOptions extends Omit<MdeRequestOptions, 'limiter'> {
  /**
   * Paces calls under MDE's limits. Give the one the composition root created (to read its stats,
   * or to scale it with the sandbox's timeScale); default: a new one at MDE's real limits.
   */
  limiter?: MdeRateLimiter;
  hunting?: HuntingOptions;
}

export interface HuntingOptions {
  /** HUNTING_API; default `auto` (Graph, the MDE endpoint only when Graph is refused and it still lives). */
  api?: HuntingApi;
  /**
   * Microsoft Graph for runHuntingQuery: its base URL and tokens for it (the same app registration,
   * scope `<graph host>/.default`). Without it only the MDE endpoint is used, until it is retired.
   */
  graph?: { baseUrl: string; tokenProvider: TokenProvider };
  /** Per attempt of a Graph hunting query; default a little over Graph's own 3-minute limit. */
  timeoutMs?: number;
}

/**
 * The MdeClient over HTTP (Node's fetch). Every endpoint is one small function over the shared
 * request pipeline (token, pacing, timeout, retries, Retry-After, error mapping, zod parsing).
 * Graph hunting runs through a second pipeline (Graph's base URL and token) on the same limiter.
 */
export function createHttpMdeClient(opts: HttpMdeClientOptions): MdeClient {
  const limiter = opts.limiter ?? createMdeRateLimiter();
  const request = createMdeRequest({ ...opts, limiter });
  const hunt = huntingRunnerFor(opts, request, limiter);
  return {
    getFile: (hash, options) => getFile(request, hash, options),
    getFileStats: (sha1, options) => getFileStats(request, sha1, options),
    getFileMachines: (sha1, options) => getFileMachines(request, sha1, options),
    getFileAlerts: (sha1, options) => getFileAlerts(request, sha1, options),
    getAlert: (alertId, options) => getAlert(request, alertId, options),
    getAlertFiles: (alertId, options) => getAlertFiles(request, alertId, options),
    getAlertMachine: (alertId, options) => getAlertMachine(request, alertId, options),
    getMachine: (machineId, options) => getMachine(request, machineId, options),
    getFileProfiles: (hashes, options) => getFileProfiles(hunt, hashes, options),
    resolveMd5s: (md5s, options) => resolveMd5s(hunt, md5s, options),
  };
}

/** The hunting runner the options ask for (Graph, the MDE endpoint, or both), on `limiter`; `request` is MDE's pipeline. */
export function huntingRunnerFor(opts: Omit<HttpMdeClientOptions, 'limiter'>, request: MdeRequest, limiter: MdeRateLimiter): HuntingRunner {
  const graph = opts.hunting?.graph;
  const graphRequest = graph ? createMdeRequest({ ...opts, baseUrl: graph.baseUrl, tokenProvider: graph.tokenProvider, limiter }) : undefined;
  return createHuntingRunner({
    api: opts.hunting?.api ?? 'auto',
    graph: graphRequest ? graphHuntingRunner(graphRequest, { timeoutMs: opts.hunting?.timeoutMs }) : undefined,
    mde: mdeHuntingRunner(request),
    now: opts.now ?? Date.now,
    logger: opts.logger,
  });
}
