import { gunzip } from 'node:zlib';
import type { Request } from 'restify';

export type GzipRead = { ok: true; text: string } | { ok: false; status: 400 | 413 };

/**
 * A gzip-encoded request body, read and inflated with a limit on both sides. restify's bodyReader
 * inflates gzip with no error handler (one malformed body ended the process, for any caller, before
 * authentication) and counts only the compressed bytes (a 100 KB body inflated to 50 MB and was
 * parsed). Whether the Bot Connector ever compresses is not documented, so gzip is still accepted.
 */
export function readGzipBody(req: Request, maxBytes: number): Promise<GzipRead> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) chunks.push(chunk);
    });
    req.once('error', () => resolve({ ok: false, status: 400 }));
    // A caller that goes away mid-body: nothing to answer, but the handler must not wait for ever.
    req.once('close', () => void (!req.complete && resolve({ ok: false, status: 400 })));
    req.once('end', () => {
      if (size > maxBytes) return resolve({ ok: false, status: 413 });
      gunzip(Buffer.concat(chunks), { maxOutputLength: maxBytes }, (err, inflated) => {
        if (err) resolve({ ok: false, status: (err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' ? 413 : 400 });
        else resolve({ ok: true, text: inflated.toString('utf8') });
      });
    });
    // restify holds the request paused until a body reader resumes it (as its own bodyReader does).
    req.resume();
  });
}
