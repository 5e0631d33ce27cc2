import type { FileRead } from '../app/turn';
import { isLoopbackHost } from '../util/loopback';

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
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return false;
    }
    if (parsed.username || parsed.password) return false;
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

/** Reads the body, giving up as soon as it passes `maxBytes` (a Content-Length is not trusted). */
async function readCapped(body: ReadableStream<Uint8Array>, maxBytes: number): Promise<Uint8Array | null> {
  const reader = body.getReader();
  const parts: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    parts.push(value);
  }
  return Buffer.concat(parts);
}

/**
 * Downloads a sent file under strict rules: the URL policy above for the first URL and every
 * redirect (which must also stay on the same host), a size cap while streaming, one deadline for
 * the whole read, and strict UTF-8 (a BOM is dropped). Failures are values; the URL (its query
 * string is a token) is never logged or returned.
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
        const res = await fetch(current, { redirect: 'manual', signal, headers: { accept: 'text/csv, text/plain, */*' } });
        if (res.status >= 300 && res.status < 400) {
          await res.body?.cancel().catch(() => undefined);
          const location = res.headers.get('location');
          const next = location ? new URL(location, current) : null;
          if (!next || hop >= MAX_REDIRECTS || next.host !== current.host || !allowed(next.href)) return { ok: false, reason: 'redirect-refused' };
          current = next;
          continue;
        }
        if (!res.ok || !res.body) {
          await res.body?.cancel().catch(() => undefined);
          return { ok: false, reason: 'failed', status: res.status };
        }
        const declared = Number(res.headers.get('content-length') ?? NaN);
        if (declared > maxBytes) {
          await res.body.cancel().catch(() => undefined);
          return { ok: false, reason: 'too-big', maxBytes };
        }
        const bytes = await readCapped(res.body, maxBytes);
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
