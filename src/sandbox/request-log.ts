/** One MDE API request the sandbox's routes answered: what a test asks "did MDE get it, and with what?". */
export interface ReceivedRequest {
  method: string;
  /** The path under /api (version prefix removed), e.g. `/indicators`. */
  path: string;
  family: string;
  /** The parsed JSON body, if any. */
  body: unknown;
  /** The status the route answered. */
  status: number;
}

/** Enough for any one test or demo session; older requests are dropped so a long run stays small. */
export const RECEIVED_KEPT = 200;

export interface RequestLog {
  record(request: ReceivedRequest): void;
  /** Oldest first; a copy. */
  list(): ReceivedRequest[];
}

/**
 * Requests that reached a route (authenticated, not throttled, not replaced by an injected fault):
 * the sandbox's side of what the bot asked of MDE, so tests assert on what MDE received rather
 * than on a stand-in of the client.
 */
export function createRequestLog(kept = RECEIVED_KEPT): RequestLog {
  const requests: ReceivedRequest[] = [];
  return {
    record(request) {
      requests.push(request);
      if (requests.length > kept) requests.splice(0, requests.length - kept);
    },
    list: () => requests.map((r) => ({ ...r })),
  };
}
