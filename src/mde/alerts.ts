import { mdeAlertSchema, type MdeAlert } from './alert';
import { MdeError } from './errors';
import { mdeFileSchema, type MdeFile } from './file';
import { ALERT_READ_PERMISSIONS, MACHINE_READ_PERMISSIONS } from './file-related';
import { FILE_READ_PERMISSIONS, nullOn404 } from './files';
import { mdeMachineSchema, type MdeMachine } from './machine';
import { odataList } from './odata-list';
import type { MdeRequest } from './request';

/**
 * Alert ids seen in the docs look like `da637472900382838869_1364969609`, but the format is not
 * specified, so this only keeps out what cannot be an id segment (slashes, spaces, quotes…) and
 * lets MDE's 404 decide the rest. The id is still URL-encoded when it goes into the path.
 */
const ALERT_ID = /^[A-Za-z0-9_-]{1,128}$/;

type Options = { signal?: AbortSignal };

function alertIdOf(id: string, operation: string, permissions: readonly string[]): string {
  const trimmed = id.trim();
  if (!ALERT_ID.test(trimmed)) {
    throw new MdeError({ kind: 'bad-request', operation, code: 'InvalidInput', permissions });
  }
  return encodeURIComponent(trimmed);
}

/** GET /api/alerts/{id}. Null on 404 (unknown, or last updated before the retention period). */
export async function getAlert(request: MdeRequest, alertId: string, options: Options = {}): Promise<MdeAlert | null> {
  const id = alertIdOf(alertId, 'alerts.get', ALERT_READ_PERMISSIONS);
  return nullOn404(request({ operation: 'alerts.get', method: 'GET', path: `/api/alerts/${id}`, permissions: ALERT_READ_PERMISSIONS, idempotent: true, schema: mdeAlertSchema, signal: options.signal }));
}

/** GET /api/alerts/{id}/files (needs File.Read.All, not Alert.Read.All). Null when the alert is not found. */
export async function getAlertFiles(request: MdeRequest, alertId: string, options: Options = {}): Promise<MdeFile[] | null> {
  const id = alertIdOf(alertId, 'alerts.files', FILE_READ_PERMISSIONS);
  return nullOn404(request({ operation: 'alerts.files', method: 'GET', path: `/api/alerts/${id}/files`, permissions: FILE_READ_PERMISSIONS, idempotent: true, schema: odataList(mdeFileSchema), signal: options.signal }));
}

/** GET /api/alerts/{id}/machine (needs Machine.Read.All). Null when the alert or its device is not found. */
export async function getAlertMachine(request: MdeRequest, alertId: string, options: Options = {}): Promise<MdeMachine | null> {
  const id = alertIdOf(alertId, 'alerts.machine', MACHINE_READ_PERMISSIONS);
  return nullOn404(request({ operation: 'alerts.machine', method: 'GET', path: `/api/alerts/${id}/machine`, permissions: MACHINE_READ_PERMISSIONS, idempotent: true, schema: mdeMachineSchema, signal: options.signal }));
}
