import { request } from 'node:https';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../src/sandbox';
import { createHttpMdeClient, type HttpMdeClientOptions } from '../../src/mde/http-mde-client';
import { createMsalTokenProvider } from '../../src/mde/token-provider';

/** Helpers for integration tests of the sandbox's MDE API (not a test file itself). */

const SCOPE = 'https://api.securitycenter.microsoft.com/.default';
export const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';

/** A client-credentials token from the sandbox's Entra listener (trusting only its certificate). */
export function tokenFor(sb: Sandbox, scope = SCOPE): Promise<string> {
  const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: sb.credentials.clientId, client_secret: sb.credentials.clientSecret, scope });
  return new Promise((resolve, reject) => {
    const req = request(`${sb.authority}/oauth2/v2.0/token`, { method: 'POST', ca: sb.caCertPem, agent: false, headers: { 'content-type': 'application/x-www-form-urlencoded' } }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve((JSON.parse(text) as { access_token: string }).access_token));
    });
    req.on('error', reject);
    req.end(form.toString());
  });
}

export type Reply = { status: number; headers: Headers; json: Record<string, unknown> & { error?: { code: string; message: string; target: string }; value?: Record<string, unknown>[] } };

/** One raw MDE API call; `body` is sent as JSON. */
export async function call(sb: Sandbox, token: string, path: string, body?: unknown): Promise<Reply> {
  const res = await fetch(`${sb.apiBaseUrl}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, json: (await res.json()) as Reply['json'] };
}

/** The real client (msal-node + fetch) against the sandbox, hunting through its Graph as main wires it. */
export function clientFor(sb: Sandbox, http: Partial<HttpMdeClientOptions> = {}) {
  const tokens = (scope: string) => createMsalTokenProvider({ ...sb.credentials, authorityHost: sb.authorityHost, scope, caCertPem: sb.caCertPem });
  const hunting = { ...http.hunting, graph: { baseUrl: sb.graphBaseUrl, tokenProvider: tokens(GRAPH_SCOPE) } };
  return createHttpMdeClient({ baseUrl: sb.apiBaseUrl, tokenProvider: tokens(SCOPE), random: () => 0, ...http, hunting });
}

/** A sandbox of its own for one test, stopped whatever happens. */
export async function withSandbox(options: SandboxOptions, body: (sb: Sandbox) => Promise<void>): Promise<void> {
  const sb = await startSandbox(options);
  try {
    await body(sb);
  } finally {
    await sb.stop();
  }
}
