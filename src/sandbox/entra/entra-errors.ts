import { randomUUID } from 'node:crypto';
import type { HttpAnswer } from '../http-kit';

export type EntraErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'unauthorized_client'
  | 'invalid_scope'
  | 'invalid_resource'
  | 'unsupported_grant_type'
  | 'invalid_instance'
  | 'temporarily_unavailable';

export interface EntraErrorInit {
  status: number;
  error: EntraErrorCode | string;
  /** The AADSTS number, e.g. 7000215. */
  aadsts: number;
  message: string;
  /** Entra echoes the caller's `client-request-id` as the correlation id. */
  correlationId?: string;
}

/** Entra's timestamp style in error bodies: `2025-11-03 10:21:07Z`. */
const entraTimestamp = (date: Date): string => `${date.toISOString().slice(0, 19).replace('T', ' ')}Z`;

/**
 * An error as Entra's v2 token endpoint writes it: the AADSTS code leads the description, and the
 * description ends with the trace id, correlation id and timestamp, which also appear as fields.
 */
export function entraError(init: EntraErrorInit): HttpAnswer {
  const traceId = randomUUID();
  const correlationId = init.correlationId ?? randomUUID();
  const timestamp = entraTimestamp(new Date());
  return {
    status: init.status,
    headers: { 'cache-control': 'no-store, no-cache', pragma: 'no-cache', 'x-ms-request-id': traceId, 'client-request-id': correlationId },
    body: {
      error: init.error,
      error_description: `AADSTS${init.aadsts}: ${init.message} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
      error_codes: [init.aadsts],
      timestamp,
      trace_id: traceId,
      correlation_id: correlationId,
      error_uri: `https://login.microsoftonline.com/error?code=${init.aadsts}`,
    },
  };
}
