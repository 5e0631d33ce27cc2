import type { ExportColumn } from './export-columns';
import { exportRow } from './export-columns';
import type { AuditEntry } from './journal';

const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
type Cells = Record<ExportColumn, string>;
type Item = Record<string, unknown>;

/**
 * A bulk request's final outcomes (a `containment.action-status` entry carrying up to 50 items
 * under `key`) as one export row per item, each with who asked (`actor_name`) and who approved
 * (`decision`: "approved by …", or "run by policy"); `cells` fills the item's own columns.
 * Entries without such outcomes: undefined (their usual row).
 */
function outcomeRows(entry: AuditEntry, key: string, cells: (item: Item, data: Item) => Partial<Cells>): Cells[] | undefined {
  const d = entry.data;
  const outcomes = d[key];
  if (entry.type !== 'containment.action-status' || !Array.isArray(outcomes)) return undefined;
  const base = exportRow(entry);
  const approvedBy = str(d.approvedBy);
  return outcomes
    .filter((o): o is Item => typeof o === 'object' && o !== null && !Array.isArray(o))
    .map((o) => ({ ...base, decision: approvedBy ? `approved by ${approvedBy}` : 'run by policy', actor_name: str(d.requestedBy), actor_id: '', data: JSON.stringify(o), ...cells(o, d) }));
}

/** A device-set request's outcomes (`deviceOutcomes`): device, action, MDE machine action id, final status. */
export function deviceOutcomeRows(entry: AuditEntry): Cells[] | undefined {
  return outcomeRows(entry, 'deviceOutcomes', (o, d) => {
    const action = typeof d.action === 'object' && d.action !== null ? (d.action as Item) : {};
    const params = [action.scanType, action.isolationType, action.tagAction, action.value, action.sha1].map(str).filter(Boolean).join(' ');
    const error = typeof o.error === 'object' && o.error !== null ? (o.error as Item) : undefined;
    return {
      target: str(o.machineId),
      target_name: str(o.name),
      action: [str(action.kind), params].filter(Boolean).join(' '),
      mde_id: str(o.mdeId) || str(o.existingId),
      status: str(o.mdeStatus) || str(o.outcome),
      reason: str(o.detail),
      error: error ? [str(error.code) || str(error.kind), ...(Array.isArray(error.permissions) ? [`needs ${error.permissions.map(str).join(', ')}`] : [])].filter(Boolean).join(': ') : '',
      correlation_id: error ? str(error.target) : '',
    };
  });
}

/** A bulk indicator request's outcomes (`itemOutcomes`: block, remove, extend): the indicator, its id, its result and MDE's failure reason. */
export function itemOutcomeRows(entry: AuditEntry): Cells[] | undefined {
  return outcomeRows(entry, 'itemOutcomes', (o, d) => ({
    target: str(o.value) || str(o.id),
    target_name: str(o.type),
    action: str(d.kind),
    mde_id: str(o.id),
    status: str(o.status),
    reason: str(o.reason),
    error: str(o.status) === 'failed' ? str(o.reason) : '',
    correlation_id: '',
  }));
}
