import type { ContainmentRequest, ExecutionNote } from '../containment/model';
import { safeText } from './escape';
import { formatUtc } from './format';
import type { CardColor } from './verdict-card';

/** Where a request stands, in words, and the tone of the container that frames it. */
export interface RequestStatus {
  text: string;
  tone: CardColor;
}

const person = (p: { name: string; aadObjectId: string }) => safeText(p.name, 100) || safeText(p.aadObjectId, 64);
const at = (iso: string | undefined) => (iso ? (formatUtc(iso) ?? safeText(iso, 40)) : '');

/**
 * Who decided, under the title that is true for the state: only an approved request has an
 * approver; a denial names the approver who denied it, a cancellation the requester who withdrew
 * it. Undefined where nobody decided (waiting, expired).
 */
export function deciderTitle(r: ContainmentRequest): 'Approved by' | 'Denied by' | 'Cancelled by' | undefined {
  if (!r.decision) return undefined;
  switch (r.state) {
    case 'denied':
      return 'Denied by';
    case 'cancelled':
      return 'Cancelled by';
    case 'approved':
    case 'executing':
    case 'succeeded':
    case 'failed':
      return 'Approved by';
    default:
      return undefined;
  }
}

/** Stopped by a restart, not refused by Defender (recover.ts): nothing was done. */
export const wasInterrupted = (r: ContainmentRequest): boolean => r.state === 'failed' && (r.execution?.note === 'interrupted' || r.execution?.error?.kind === 'interrupted');

/** One line per state and kind, each true for that state: who did what, and what Defender did. */
export function requestStatus(r: ContainmentRequest): RequestStatus {
  const by = r.decision ? person(r.decision.by) : '';
  const noun = r.kind === 'block-file' ? 'Indicator' : 'Machine action';
  switch (r.state) {
    case 'requested':
      return { text: `Waiting for an approver (until ${at(r.expiresAt)})`, tone: 'warning' };
    case 'approved':
      if (r.resumable) return { text: `Approved by ${by}, but not started: Verdict could not write its audit journal, so nothing was sent to Defender. An approver can approve again to start it.`, tone: 'attention' };
      return { text: `Approved by ${by}: executing in Defender…`, tone: 'warning' };
    case 'executing':
      return { text: `Approved by ${by}: executing in Defender…`, tone: 'warning' };
    case 'succeeded':
      if (r.kind === 'isolate-device') return isolationStatus(r, by);
      return { text: `Approved by ${by}: done. ${noun} ${safeText(r.execution?.mdeId, 80)}`.trim(), tone: 'good' };
    case 'failed':
      if (wasInterrupted(r)) return { text: `Approved by ${by}, but interrupted: Verdict stopped before Defender did anything, so nothing was done. Ask again if it is still needed.`, tone: 'attention' };
      return { text: `Approved by ${by}, but Defender did not do it`, tone: 'attention' };
    case 'denied':
      return { text: `Denied by ${by}: nothing was sent to Defender`, tone: 'attention' };
    case 'expired':
      return { text: 'Expired: nobody decided in time, so nothing was sent to Defender. Ask again if it is still needed.', tone: 'default' };
    case 'cancelled':
      return { text: `Cancelled by ${person(r.requester)} (the requester): nothing was sent to Defender`, tone: 'default' };
  }
}

/**
 * An accepted isolation is only done when its MachineAction is: Verdict follows it and redraws
 * the cards at every status (Pending → InProgress → Succeeded / Failed / TimeOut / Cancelled).
 */
function isolationStatus(r: ContainmentRequest, by: string): RequestStatus {
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

const NOTE_TEXT: Readonly<Record<ExecutionNote, string>> = {
  'already-pending': 'Defender already had this isolation under way; Verdict follows that action',
  reconciled: 'Confirmed in Defender after Verdict restarted mid-call',
  'confirmed-after-error': "Defender's answer was an error, but Defender shows it was done",
  'outcome-unknown': "Defender's answer was lost and Verdict could not check: look in the Defender portal",
  interrupted: 'Verdict stopped before Defender did anything',
};

/** An execution note as people read it (the journal keeps the code); '' for none or an unknown one. */
export function noteText(r: ContainmentRequest): string {
  const note = r.execution?.note;
  if (!note) return '';
  if (note === 'already-pending' && r.state === 'failed') return 'Defender already had another action under way on this device';
  return NOTE_TEXT[note] ?? '';
}
