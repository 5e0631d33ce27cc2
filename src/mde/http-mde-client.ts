import type { MdeClient } from './client';
import { getFile } from './files';
import { createMdeRequest, type MdeRequestOptions } from './request';

export type HttpMdeClientOptions = MdeRequestOptions;

/**
 * The MdeClient over HTTP (Node's fetch). Every endpoint is one small function over the shared
 * request pipeline (token, timeout, retries, Retry-After, error mapping, zod parsing).
 */
export function createHttpMdeClient(opts: HttpMdeClientOptions): MdeClient {
  const request = createMdeRequest(opts);
  return {
    getFile: (hash, options) => getFile(request, hash, options),
  };
}
