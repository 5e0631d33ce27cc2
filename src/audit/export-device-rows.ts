import type { ExportColumn } from './export-columns';
import { exportRow } from './export-columns';
import type { AuditEntry } from './journal';

const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

/**
 * A device-set request's final outcomes (a `containment.action-status` entry carrying
 * `deviceOutcomes`, up to 50 devices) as one export row per device: request id, device, action,
 * MDE machine action id, final status, who asked (`actor_name`) and who approved (`decision`:
 * "approved by …", or "run by policy"). Entries without outcomes: undefined (their usual row).
 */
export function deviceOutcomeRows(entry: AuditEntry): Record<ExportColumn, string>[] | undefined {
  const d = entry.data;
  const outcomes = d.deviceOutcomes;
  if (entry.type !== 'containment.action-status' || !Array.isArray(outcomes)) return undefined;
  const base = exportRow(entry);
  const action = typeof d.action === 'object' && d.action !== null ? (d.action as Record<string, unknown>) : {};
  const params = [action.scanType, action.isolationType, action.tagAction, action.value, action.sha1].map(str).filter(Boolean).join(' ');
  const approvedBy = str(d.approvedBy);
  return outcomes
    .filter((o): o is Record<string, unknown> => typeof o === 'object' && o !== null && !Array.isArray(o))
    .map((o) => {
      const error = typeof o.error === 'object' && o.error !== null ? (o.error as Record<string, unknown>) : undefined;
      return {
        ...base,
        target: str(o.machineId),
        target_name: str(o.name),
        action: [str(action.kind), params].filter(Boolean).join(' '),
        decision: approvedBy ? `approved by ${approvedBy}` : 'run by policy',
        actor_name: str(d.requestedBy),
        actor_id: '',
        mde_id: str(o.mdeId) || str(o.existingId),
        status: str(o.mdeStatus) || str(o.outcome),
        reason: str(o.detail),
        error: error ? [str(error.code) || str(error.kind), ...(Array.isArray(error.permissions) ? [`needs ${error.permissions.map(str).join(', ')}`] : [])].filter(Boolean).join(': ') : '',
        correlation_id: error ? str(error.target) : '',
        data: JSON.stringify(o),
      };
    });
}
