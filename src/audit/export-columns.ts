import type { AuditEntry } from './journal';

/**
 * CSV columns an auditor can filter and sort on, taken from the entry's data by what each entry
 * type records (src/containment/audit-entries.ts, refusals, followed actions, /audit views).
 * `data` keeps the whole of it as JSON, so nothing is lost to the columns.
 */
export const EXPORT_COLUMNS = [
  'seq',
  'time',
  'type',
  'request_id',
  'kind',
  'target',
  'target_name',
  'action',
  'decision',
  'actor_name',
  'actor_id',
  'mde_id',
  'status',
  'reason',
  'comment',
  'error',
  'correlation_id',
  'hash',
  'prev_hash',
  'data',
] as const;
export type ExportColumn = (typeof EXPORT_COLUMNS)[number];

const DECISIONS: Partial<Record<AuditEntry['type'], string>> = {
  'containment.approved': 'approved',
  'containment.denied': 'denied',
  'containment.cancelled': 'cancelled',
  'containment.expired': 'expired',
  'containment.refused': 'refused',
};

/** A member of a nested record, if the record and the member are there (data is never trusted to have a shape). */
function at(data: unknown, ...path: string[]): unknown {
  let value = data;
  for (const key of path) {
    if (!value || typeof value !== 'object' || Array.isArray(value) || !Object.prototype.hasOwnProperty.call(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** A cell's text: scalars as they are, lists space-separated, anything else as JSON. */
function text(value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v !== 'object')) return value.join(' ');
  return JSON.stringify(value);
}

const first = (...values: unknown[]): string => values.map(text).find((v) => v !== undefined) ?? '';

export function exportRow(entry: AuditEntry): Record<ExportColumn, string> {
  const d = entry.data;
  const error = [text(at(d, 'error', 'code')) ?? text(at(d, 'error', 'kind')), text(at(d, 'error', 'message'))].filter(Boolean).join(': ');
  return {
    seq: String(entry.seq),
    time: entry.at,
    type: entry.type,
    request_id: entry.requestId ?? '',
    kind: first(at(d, 'kind'), at(d, 'detail', 'kind')),
    target: first(
      at(d, 'target', 'sha256'),
      at(d, 'target', 'sha1'),
      at(d, 'target', 'machineId'),
      at(d, 'mde', 'indicatorValue'),
      at(d, 'mde', 'machineId'),
      at(d, 'machineId'),
      at(d, 'detail', 'sha'),
      at(d, 'detail', 'machineId'),
      entry.type === 'audit.channel-set' ? at(d, 'channelId') : undefined,
    ),
    target_name: first(at(d, 'target', 'fileName'), at(d, 'target', 'computerDnsName')),
    // What was (or would be) done: the indicator action or isolation type; for a refusal, what was tried.
    action: first(at(d, 'parameters', 'action'), at(d, 'parameters', 'isolationType'), at(d, 'mde', 'action'), at(d, 'mde', 'isolationType'), at(d, 'verb'), at(d, 'command')),
    decision: DECISIONS[entry.type] ?? '',
    actor_name: entry.actor.name ?? '',
    actor_id: entry.actor.aadObjectId ?? '',
    mde_id: first(at(d, 'mdeId')),
    status: first(at(d, 'mdeStatus'), entry.type === 'containment.action-status' ? at(d, 'to') : undefined, at(d, 'followEnded')),
    reason: first(at(d, 'reason'), at(d, 'note')),
    comment: first(at(d, 'comment')),
    error,
    correlation_id: first(at(d, 'error', 'correlationId')),
    hash: entry.hash,
    prev_hash: entry.prev,
    data: JSON.stringify(d),
  };
}
