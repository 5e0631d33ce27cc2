/**
 * Test doubles for the MDE client (used by unit tests; never wired in main). A scripted `fetch`
 * declares the calls a test expects, in order, with the response to give each one.
 */
export type ScriptedReply =
  | { status: number; body?: unknown; headers?: Record<string, string> }
  | { hang: true }
  | { networkError: string };

export interface ExpectedCall {
  method: string;
  url: string;
  /** Headers that must be present with these values (names case-insensitive). */
  headers?: Record<string, string>;
  /** Expected JSON body. */
  body?: unknown;
  reply: ScriptedReply;
}

export interface RecordedCall {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export interface ScriptedFetch {
  fetch: typeof fetch;
  calls: RecordedCall[];
  /** Throws when a call did not match its expectation or expected calls were left over. */
  assertDone(): void;
}

export function scriptedFetch(expected: readonly ExpectedCall[]): ScriptedFetch {
  const calls: RecordedCall[] = [];
  const problems: string[] = [];

  const fake = async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((value, name) => (headers[name] = value));
    const call: RecordedCall = { method: init.method ?? 'GET', url: String(input), headers, body: init.body as string | undefined };
    const n = calls.push(call);
    const want = expected[n - 1];
    if (!want) {
      problems.push(`unexpected call #${n}: ${call.method} ${call.url}`);
      throw new Error(`scripted fetch: unexpected call #${n}`);
    }
    const mismatch = describeMismatch(want, call);
    if (mismatch) {
      problems.push(`call #${n}: ${mismatch}`);
      throw new Error(`scripted fetch: call #${n} ${mismatch}`);
    }
    return reply(want.reply, init.signal ?? undefined);
  };

  return {
    fetch: fake as typeof fetch,
    calls,
    assertDone() {
      if (calls.length < expected.length) problems.push(`expected ${expected.length} calls, got ${calls.length}`);
      if (problems.length) throw new Error(problems.join('\n'));
    },
  };
}

function describeMismatch(want: ExpectedCall, got: RecordedCall): string | undefined {
  if (want.method !== got.method || want.url !== got.url) return `expected ${want.method} ${want.url}, got ${got.method} ${got.url}`;
  for (const [k, v] of Object.entries(want.headers ?? {})) {
    if (got.headers[k.toLowerCase()] !== v) return `header ${k}: expected ${v}, got ${got.headers[k.toLowerCase()] ?? '(none)'}`;
  }
  if (want.body !== undefined && JSON.stringify(want.body) !== JSON.stringify(got.body ? JSON.parse(got.body) : undefined)) {
    return `body: expected ${JSON.stringify(want.body)}, got ${got.body ?? '(none)'}`;
  }
  return undefined;
}

function reply(r: ScriptedReply, signal?: AbortSignal): Promise<Response> {
  if ('networkError' in r) return Promise.reject(new TypeError('fetch failed', { cause: new Error(r.networkError) }));
  if ('hang' in r) {
    // Like undici: nothing until the signal aborts, then reject with its reason.
    return new Promise((_, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
    });
  }
  const text = r.body === undefined ? null : typeof r.body === 'string' ? r.body : JSON.stringify(r.body);
  const type = typeof r.body === 'string' ? 'text/html' : 'application/json';
  return Promise.resolve(new Response(text, { status: r.status, headers: { 'content-type': type, ...(r.headers ?? {}) } }));
}
