import type { ActionCardView, RequestStatus } from '../../cards/action-view';
import { safeText } from '../../cards/escape';
import { formatCount } from '../../cards/format';
import type { BulkAction } from '../../devices/bulk/bulk-action';
import { conflictAuditWords } from '../device-conflicts';
import type { DeviceActionSpec } from './actions';
import type { DeviceSetRequest } from './request';

/** Device names on the approval card before "and N more". */
const NAMED = 10;

function parameters(a: BulkAction): string {
  switch (a.kind) {
    case 'scan':
      return `${a.scanType} scan`;
    case 'isolate':
      return a.isolationType === 'Full' ? 'Full isolation' : 'Selective isolation (Outlook, Teams and Skype keep working)';
    case 'tag':
      return `${a.tagAction === 'Add' ? 'Add' : 'Remove'} tag ${safeText(a.value, 200)}`;
    case 'quarantine':
      return `File SHA-1 ${a.sha1}`;
    default:
      return '';
  }
}

export function deviceSetView(spec: DeviceActionSpec): ActionCardView<DeviceSetRequest> {
  const succeeded = (r: DeviceSetRequest, by: string): RequestStatus => {
    const status = safeText(r.execution?.mdeStatus, 64) || 'started';
    if (r.execution?.followEnded) return { text: `${by === 'policy (no approval needed)' ? 'Run' : `Approved by ${by}`}: ${status} when Verdict stopped following it; check the Defender portal.`, tone: 'warning' };
    const head = r.decision?.byPolicy ? 'Run by policy' : `Approved by ${by}`;
    const done = status.startsWith('Completed');
    return { text: `${head}: ${status}.${done ? '' : ' This card updates as Defender works through the devices.'}`, tone: done ? (/ 0 (?:failed|not)$/.test(status) ? 'good' : 'warning') : 'warning' };
  };
  return {
    heading: () => spec.heading,
    target: (r) => ({ title: 'Devices', value: `${formatCount(r.target.devices.length)} (${safeText(r.target.source, 300)})` }),
    facts(r) {
      const names = r.target.devices.slice(0, NAMED).map((d) => safeText(d.name, 80)).join(', ');
      const more = r.target.devices.length > NAMED ? ` and ${formatCount(r.target.devices.length - NAMED)} more` : '';
      const p = parameters(r.parameters.action);
      return [...(p ? [{ title: 'Action', value: p }] : []), { title: 'Device names', value: `${names}${more}` }];
    },
    mdeNoun: 'Bulk run',
    succeeded,
    answeredTitle: () => 'Started',
    what: (r) => `${spec.title.toLowerCase()} on ${formatCount(r.target.devices.length)} devices`,
    words: {
      kind: spec.title,
      operations: { [spec.operation]: spec.title },
      followedAction: spec.title,
      refusal: conflictAuditWords,
      // The run's action as its outcome entries carry it (run-journal.ts).
      labels: { 'action.kind': 'Action', 'action.isolationType': 'Isolation', 'action.scanType': 'Scan', 'action.tagAction': 'Tag', 'action.value': 'Tag value', 'action.sha1': 'SHA-1' },
    },
  };
}
