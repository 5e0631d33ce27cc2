import type { ActionCardView, RequestStatus } from '../../cards/action-view';
import { safeText } from '../../cards/escape';
import { conflictAuditWords } from '../device-conflicts';
import type { IsolateRequest } from './request';

/**
 * An accepted isolation is only done when its MachineAction is: Verdict follows it and redraws
 * the cards at every status (Pending → InProgress → Succeeded / Failed / TimeOut / Cancelled).
 */
function succeeded(r: IsolateRequest, by: string): RequestStatus {
  const id = safeText(r.execution?.mdeId, 80);
  const status = safeText(r.execution?.mdeStatus, 40) || 'unknown';
  if (r.execution?.followEnded === 'not-found') return { text: `Approved by ${by}: Defender no longer shows machine action ${id}; check the device in the Defender portal.`, tone: 'warning' };
  if (r.execution?.followEnded) return { text: `Approved by ${by}: machine action ${id} was still ${status} when Verdict stopped following it; check the Defender portal.`, tone: 'warning' };
  switch (status) {
    case 'Succeeded':
      return { text: `Approved by ${by}: device isolated (machine action ${id} succeeded).`, tone: 'good' };
    case 'Failed':
    case 'TimeOut':
    case 'Cancelled':
      return { text: `Approved by ${by}, but the isolation did not happen: machine action ${id} ended ${status} in Defender.`, tone: 'attention' };
    default:
      return { text: `Approved by ${by}: isolation ${status === 'InProgress' ? 'in progress' : status.toLowerCase()} in Defender (machine action ${id}). This card updates when it ends.`, tone: 'warning' };
  }
}

/** Why a request was refused before it was stored, from the refusal entry's detail. */
function refusal(reason: string, detail: Record<string, unknown>): string | undefined {
  if (reason === 'conflicting-request') return conflictAuditWords(reason, detail);
  if (reason !== 'already-pending' && reason !== 'already-isolated') return undefined;
  const existing = (detail.existing && typeof detail.existing === 'object' ? detail.existing : {}) as Record<string, unknown>;
  const id = typeof existing.id === 'string' ? safeText(existing.id, 64) : '';
  const action = id ? ` (machine action ${id})` : '';
  return reason === 'already-isolated' ? `the device is already isolated${action}` : `an isolation is already under way in Defender${action}`;
}

export const isolateDeviceView: ActionCardView<IsolateRequest> = {
  heading: () => 'Containment request: isolate a device',
  target(r) {
    // The name is Defender's (looked up by the exact id when the request was made); the id decides.
    const id = safeText(r.target.machineId, 40);
    const name = safeText(r.target.computerDnsName, 120);
    return name ? { title: 'Device', value: `${name} (${id})` } : { title: 'Device id', value: id };
  },
  facts: (r) => [{ title: 'Isolation', value: r.parameters.isolationType === 'Full' ? 'Full' : 'Selective (Outlook, Teams and Skype keep working)' }],
  mdeNoun: 'Machine action',
  succeeded,
  // The MDE call only starts the MachineAction: its time is when Defender took it.
  answeredTitle: (r) => (r.execution?.error ? 'Finished' : 'Sent to Defender'),
  noteText(r) {
    if (r.execution?.note !== 'already-pending') return undefined;
    return r.state === 'failed' ? 'Defender already had another action under way on this device' : 'Defender already had this isolation under way; Verdict follows that action';
  },
  what: (r) => `isolate device ${safeText(r.target.computerDnsName, 120) || safeText(r.target.machineId, 40)}`,
  words: {
    kind: 'Isolate a device',
    operations: { 'machines.isolate': 'Isolate device' },
    refusal,
    notes: { 'already-pending': 'Defender already had an isolation under way' },
    followedAction: 'Isolation',
  },
};
