import { open, statfs } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { KeyValueStore } from '../util/key-value-store';
import { errorName, type ReadinessCheck } from './readiness';
import type { AppendWatch } from './append-watch';

/** A key no one writes: reading it is a round trip to the store and nothing else. */
const PROBE_KEY = 'verdict-readiness-probe';
/** Below this the next append may fail for want of space. */
const MIN_FREE_BYTES = 1024 * 1024;

export function storeCheck(store: Pick<KeyValueStore, 'read'>): ReadinessCheck {
  return {
    name: 'state store',
    async check() {
      try {
        await store.read([PROBE_KEY]);
        return undefined;
      } catch (err) {
        return `unreachable (${errorName(err)})`;
      }
    },
  };
}

/** The MDE token provider's answer: cached by msal until shortly before expiry, so usually no call at all. */
export function tokenCheck(tokens: { getToken(): Promise<string> }): ReadinessCheck {
  return {
    name: 'MDE token',
    async check() {
      try {
        await tokens.getToken();
        return undefined;
      } catch (err) {
        // An MdeError's kind and Entra's code (AADSTS…): what an admin looks up, nothing secret.
        const { kind, code } = err as { kind?: unknown; code?: unknown };
        const named = [typeof kind === 'string' ? kind : errorName(err), typeof code === 'string' && /^[A-Za-z0-9_.-]{1,40}$/.test(code) ? code : undefined];
        return `cannot be obtained (${named.filter(Boolean).join(' ')})`;
      }
    },
  };
}

/**
 * Whether the journal can take the next entry, without writing one (a probe entry would be posted
 * to the audit channel): it refuses appends for good (closed, or a failed append it could not
 * undo), or its file cannot be opened for append, or its disk is nearly full. A transient
 * append failure stops counting once the file is writable again. The blob journal (`file`
 * undefined) has no file to probe: its storage is the state store's account, which `storeCheck`
 * reaches; a failed append counts until the next one succeeds.
 */
export function journalCheck(file: string | undefined, appends: AppendWatch): ReadinessCheck {
  return {
    name: 'audit journal',
    async check() {
      const failed = appends.lastFailure();
      if (failed?.permanent) return `refuses appends (${failed.code}); restart after npm run audit -- verify`;
      if (file === undefined) return failed ? `the last append failed (${failed.code})` : undefined;
      try {
        await (await open(file, 'a')).close();
      } catch (err) {
        return `cannot be opened for append (${errorName(err)})`;
      }
      const fs = await statfs(dirname(file)).catch(() => undefined);
      if (fs && fs.bavail * fs.bsize < MIN_FREE_BYTES) return 'less than 1 MiB free on its disk';
      appends.forget();
      return undefined;
    },
  };
}
