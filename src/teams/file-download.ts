import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { FileRead } from '../app/turn';
import { isLoopbackHost } from '../util/loopback';
import { plainUrl } from '../util/plain-url';

/** A device CSV is a few hundred KB at most (1,000 devices); more is refused while it streams. */
export const FILE_MAX_BYTES = 1_000_000;
const TIMEOUT_MS = 15_000;
const MAX_REDIRECTS = 3;

/**
 * Where a personal-chat file lives: the sender's OneDrive, `<tenant>-my.sharepoint.com`, or its
 * sovereign-cloud twins (GCC High `sharepoint.us`, DoD `sharepoint-mil.us`, 21Vianet
 * `sharepoint.cn`). Suffixes with their leading dot, so `evilsharepoint.com` does not match.
 */
export const FILE_HOST_SUFFIXES = ['.sharepoint.com', '.sharepoint.us', '.sharepoint-mil.us', '.sharepoint.cn'] as const;

/**
 * Which download URLs Verdict will fetch (a plain GET; the URL itself is the credential). https
 * on a file host and its default port, no userinfo. Loopback (http too) only where the
 * service-URL rule allows it: without an app id, i.e. the sandbox and local tests.
 */
export function fileUrlPolicy(allowLoopback: boolean): (url: string) => boolean {
  return (url) => {
    const parsed = plainUrl(url);
    if (!parsed) return false;
    if (allowLoopback && isLoopbackHost(parsed.hostname)) return parsed.protocol === 'http:' || parsed.protocol === 'https:';
    if (parsed.protocol !== 'https:' || parsed.port !== '') return false;
    const host = parsed.hostname.toLowerCase();
    return FILE_HOST_SUFFIXES.some((suffix) => host.endsWith(suffix) && host.length > suffix.length);
  };
}

export interface FileDownloadOptions {
  allowLoopback: boolean;
  maxBytes?: number;
  timeoutMs?: number;
}

/** One GET, on a connection of its own (no pool: nothing half-read is ever reused), under `signal`. */
function getOnce(url: URL, signal: AbortSignal): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(url, { method: 'GET', agent: false, signal, headers: { accept: 'text/csv, text/plain, */*' } }, resolve);
    req.on('error', reject);
    req.end();
  });
}

/** Reads the body, giving up as soon as it passes `maxBytes` (a Content-Length is not trusted). */
async function readCapped(res: IncomingMessage, maxBytes: number): Promise<Buffer | null> {
  const parts: Buffer[] = [];
  let total = 0;
  for await (const chunk of res as AsyncIterable<Buffer>) {
    total += chunk.byteLength;
    if (total > maxBytes) {
      res.destroy();
      return null;
    }
    parts.push(chunk);
  }
  return Buffer.concat(parts);
}

/**
 * Downloads a sent file under strict rules: the URL policy above for the first URL and every
 * redirect (which must also stay on the same host), a size cap while streaming, one deadline for
 * the whole read, and strict UTF-8 (a BOM is dropped). Failures are values; the URL (its query
 * string is a token) is never logged or returned. Plain node:http(s), each request on a connection
 * of its own: an abandoned (oversize, redirect) response is destroyed, never returned to a pool.
 */
export function createFileDownloader(options: FileDownloadOptions): (url: string) => Promise<FileRead> {
  const allowed = fileUrlPolicy(options.allowLoopback);
  const maxBytes = options.maxBytes ?? FILE_MAX_BYTES;
  return async (url) => {
    if (!allowed(url)) return { ok: false, reason: 'host-refused' };
    const signal = AbortSignal.timeout(options.timeoutMs ?? TIMEOUT_MS);
    try {
      let current = new URL(url);
      for (let hop = 0; ; hop++) {
        const res = await getOnce(current, signal);
        const status = res.statusCode ?? 0;
        if (status >= 300 && status < 400) {
          res.destroy();
          const location = res.headers.location;
          const next = location ? new URL(location, current) : null;
          if (!next || hop >= MAX_REDIRECTS || next.host !== current.host || !allowed(next.href)) return { ok: false, reason: 'redirect-refused' };
          current = next;
          continue;
        }
        if (status < 200 || status >= 300) {
          res.destroy();
          return { ok: false, reason: 'failed', status };
        }
        const declared = Number(res.headers['content-length'] ?? NaN);
        if (declared > maxBytes) {
          res.destroy();
          return { ok: false, reason: 'too-big', maxBytes };
        }
        const bytes = await readCapped(res, maxBytes);
        if (!bytes) return { ok: false, reason: 'too-big', maxBytes };
        try {
          return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
        } catch {
          return { ok: false, reason: 'not-utf8' };
        }
      }
    } catch {
      return { ok: false, reason: signal.aborted ? 'timeout' : 'failed' };
    }
  };
}
