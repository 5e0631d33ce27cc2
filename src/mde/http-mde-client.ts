import { getAlert, getAlertFiles, getAlertMachine } from './alerts';
import type { MdeClient } from './client';
import { getFileAlerts, getFileMachines, getFileStats } from './file-related';
import { getFile } from './files';
import { getFileProfiles } from './hunting';
import { getMachine } from './machines';
import { createMdeRateLimiter, type MdeRateLimiter } from './rate-limiter';
import { createMdeRequest, type MdeRequestOptions } from './request';

export interface HttpMdeClientOptions extends Omit<MdeRequestOptions, 'limiter'> {
  /**
   * Paces calls under MDE's limits. Give the one the composition root created (to read its stats,
   * or to scale it with the sandbox's timeScale); default: a new one at MDE's real limits.
   */
  limiter?: MdeRateLimiter;
}

/**
 * The MdeClient over HTTP (Node's fetch). Every endpoint is one small function over the shared
 * request pipeline (token, pacing, timeout, retries, Retry-After, error mapping, zod parsing).
 */
export function createHttpMdeClient(opts: HttpMdeClientOptions): MdeClient {
  const request = createMdeRequest({ ...opts, limiter: opts.limiter ?? createMdeRateLimiter() });
  return {
    getFile: (hash, options) => getFile(request, hash, options),
    getFileStats: (sha1, options) => getFileStats(request, sha1, options),
    getFileMachines: (sha1, options) => getFileMachines(request, sha1, options),
    getFileAlerts: (sha1, options) => getFileAlerts(request, sha1, options),
    getAlert: (alertId, options) => getAlert(request, alertId, options),
    getAlertFiles: (alertId, options) => getAlertFiles(request, alertId, options),
    getAlertMachine: (alertId, options) => getAlertMachine(request, alertId, options),
    getMachine: (machineId, options) => getMachine(request, machineId, options),
    getFileProfiles: (hashes, options) => getFileProfiles(request, hashes, options),
  };
}
