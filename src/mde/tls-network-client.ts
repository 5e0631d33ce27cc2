import https from 'node:https';
import { rootCertificates } from 'node:tls';
import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';

export interface TlsNetworkClientOptions {
  /** Extra CA (PEM) to trust besides Node's roots: the sandbox's self-signed CA, or a TLS-inspecting proxy's. */
  caCertPem: string;
  /** Upper bound per request when msal gives none (msal passes one only for some discovery calls). */
  timeoutMs?: number;
}

/**
 * msal-node's `system.networkClient` on node:https, for authorities whose certificate Node's
 * global fetch would not trust. The contract is msal-node's own HttpClient's: resolve
 * `{ headers (lower-case keys), body (parsed JSON), status }` for any HTTP status, and reject only
 * when there is no usable response (msal turns that into `network_error`).
 */
export function createTlsNetworkClient(options: TlsNetworkClientOptions): INetworkModule {
  // No keep-alive: token calls are rare (about one an hour) and pooled sockets outlive servers in tests.
  const agent = new https.Agent({ ca: [...rootCertificates, options.caCertPem], keepAlive: false });
  const defaultTimeout = options.timeoutMs ?? 10_000;

  const send = <T>(method: 'GET' | 'POST', url: string, req?: NetworkRequestOptions, timeout?: number) =>
    new Promise<NetworkResponse<T>>((resolve, reject) => {
      const body = method === 'POST' ? (req?.body ?? '') : undefined;
      const headers: Record<string, string> = { ...(req?.headers ?? {}) };
      if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
      const r = https.request(url, { method, headers, agent, timeout: timeout ?? defaultTimeout }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown;
          try {
            parsed = text === '' ? {} : JSON.parse(text);
          } catch {
            reject(new Error(`${method} ${new URL(url).pathname}: HTTP ${res.statusCode ?? 0} with a non-JSON body`));
            return;
          }
          resolve({ headers: flattenHeaders(res.headers), body: parsed as T, status: res.statusCode ?? 0 });
        });
      });
      r.on('timeout', () => r.destroy(new Error(`${method} ${new URL(url).pathname}: timed out`)));
      r.on('error', reject);
      r.end(body);
    });

  return {
    sendGetRequestAsync: <T>(url: string, req?: NetworkRequestOptions, timeout?: number) => send<T>('GET', url, req, timeout),
    sendPostRequestAsync: <T>(url: string, req?: NetworkRequestOptions) => send<T>('POST', url, req),
  };
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    if (v !== undefined) flat[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  }
  return flat;
}
