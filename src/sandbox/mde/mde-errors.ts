import { randomUUID } from 'node:crypto';
import type { HttpAnswer } from '../http-kit';

/**
 * MDE's error body (reference §6): `{"error":{"code","message","target"}}`, where `target` is a
 * fresh per-request correlation id that clients are expected to log.
 */
export function mdeError(status: number, code: string, message: string, headers?: Record<string, string>, target: string = randomUUID()): HttpAnswer {
  return { status, headers, body: { error: { code, message, target } } };
}

/** The code MDE uses for a status, for injected faults that name only the status. */
export function defaultMdeCode(status: number): string {
  switch (status) {
    case 400:
      return 'BadRequest';
    case 401:
      return 'Unauthorized';
    case 403:
      return 'Forbidden';
    case 404:
      return 'NotFound';
    case 429:
      return 'TooManyRequests';
    case 503:
      return 'ServiceUnavailable';
    default:
      return status >= 500 ? 'InternalServerError' : 'BadRequest';
  }
}
