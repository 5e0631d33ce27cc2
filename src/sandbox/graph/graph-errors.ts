import { randomUUID } from 'node:crypto';
import { retryAfterHeaders } from '../fault-queue';
import type { HttpAnswer } from '../http-kit';

/**
 * Microsoft Graph's error body: `{"error":{"code","message","innerError":{"date","request-id",
 * "client-request-id"}}}`, with the ids in headers too. The caller's `client-request-id` is echoed.
 */
export function graphError(status: number, code: string, message: string, clientRequestId?: string, headers: Record<string, string> = {}): HttpAnswer {
  const requestId = randomUUID();
  const echoed = clientRequestId ?? requestId;
  return {
    status,
    headers: { 'request-id': requestId, 'client-request-id': echoed, ...headers },
    body: {
      error: {
        code,
        message,
        innerError: { date: new Date().toISOString().replace(/\.\d{3}Z$/, ''), 'request-id': requestId, 'client-request-id': echoed },
      },
    },
  };
}

/** Graph's answer to an injected status fault: its code (or the status's), and its Retry-After. */
export function injectedGraphFault(fault: { status: number; code?: string; retryAfterSeconds?: number }, clientRequestId?: string): HttpAnswer {
  const code = fault.code ?? defaultGraphCode(fault.status);
  return graphError(fault.status, code, `Injected fault: ${code}`, clientRequestId, retryAfterHeaders(fault));
}

/** Graph's code for a status, for injected faults that name only the status. */
export function defaultGraphCode(status: number): string {
  switch (status) {
    case 400:
      return 'BadRequest';
    case 401:
      return 'InvalidAuthenticationToken';
    case 403:
      return 'Authorization_RequestDenied';
    case 404:
      return 'Request_ResourceNotFound';
    case 429:
      return 'TooManyRequests';
    case 503:
      return 'ServiceNotAvailable';
    default:
      return status >= 500 ? 'UnknownError' : 'BadRequest';
  }
}
