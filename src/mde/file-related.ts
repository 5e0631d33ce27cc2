import { mdeAlertSchema, type MdeAlert } from './alert';
import { MdeError } from './errors';
import { mdeFileStatsSchema, type MdeFileStats } from './file-stats';
import { FILE_READ_PERMISSIONS, nullOn404 } from './files';
import { invalidHash, SHA1_HEX } from './hash-ids';
import { mdeMachineSchema, type MdeMachine } from './machine';
import { odataList } from './odata-list';
import type { MdeRequest } from './request';

export const MACHINE_READ_PERMISSIONS = ['Machine.Read.All'] as const;
export const ALERT_READ_PERMISSIONS = ['Alert.Read.All'] as const;

/** The stats endpoint's documented maximum look-back (30 days, also its default). */
export const MAX_LOOK_BACK_HOURS = 720;

type Options = { signal?: AbortSignal };

/** The file endpoints below take a SHA-1 only (reference §2); refused here, before any call. */
function sha1Of(hash: string, operation: string, permissions: readonly string[]): string {
  const id = hash.toLowerCase();
  if (!SHA1_HEX.test(id)) throw invalidHash(operation, permissions);
  return id;
}

/** GET /api/files/{sha1}/stats?lookBackHours=N. Null when MDE does not know the file (404). */
export async function getFileStats(request: MdeRequest, hash: string, options: Options & { lookBackHours?: number } = {}): Promise<MdeFileStats | null> {
  const sha1 = sha1Of(hash, 'files.stats', FILE_READ_PERMISSIONS);
  const hours = options.lookBackHours;
  if (hours !== undefined && !(Number.isInteger(hours) && hours >= 1 && hours <= MAX_LOOK_BACK_HOURS)) {
    throw new MdeError({ kind: 'bad-request', operation: 'files.stats', code: 'InvalidInput', permissions: FILE_READ_PERMISSIONS });
  }
  const query = hours === undefined ? '' : `?lookBackHours=${hours}`;
  return nullOn404(
    request({ operation: 'files.stats', method: 'GET', path: `/api/files/${sha1}/stats${query}`, permissions: FILE_READ_PERMISSIONS, idempotent: true, schema: mdeFileStatsSchema, signal: options.signal }),
  );
}

/** GET /api/files/{sha1}/machines. MDE answers 200 with an empty list for a file it does not know. */
export async function getFileMachines(request: MdeRequest, hash: string, options: Options = {}): Promise<MdeMachine[]> {
  const sha1 = sha1Of(hash, 'files.machines', MACHINE_READ_PERMISSIONS);
  return request({ operation: 'files.machines', method: 'GET', path: `/api/files/${sha1}/machines`, permissions: MACHINE_READ_PERMISSIONS, idempotent: true, schema: odataList(mdeMachineSchema), signal: options.signal });
}

/** GET /api/files/{sha1}/alerts. MDE answers 200 with an empty list for a file it does not know. */
export async function getFileAlerts(request: MdeRequest, hash: string, options: Options = {}): Promise<MdeAlert[]> {
  const sha1 = sha1Of(hash, 'files.alerts', ALERT_READ_PERMISSIONS);
  return request({ operation: 'files.alerts', method: 'GET', path: `/api/files/${sha1}/alerts`, permissions: ALERT_READ_PERMISSIONS, idempotent: true, schema: odataList(mdeAlertSchema), signal: options.signal });
}
