import type { ContainmentRequest, ExecutionNote } from '../containment/model';
import type { ActionCardView, RequestStatus } from './action-view';
import { safeText } from './escape';
import { formatUtc } from './format';

export type { RequestStatus } from './action-view';

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

/** Who decided, in words; a decision by policy (the kind needs no approver) says so. */
export const deciderName = (decision: NonNullable<ContainmentRequest['decision']>): string => (decision.byPolicy ? 'policy (no approval needed)' : person(decision.by));

/** Stopped by a restart, not refused by Defender (recover.ts): nothing was done. */
export const wasInterrupted = (r: ContainmentRequest): boolean => r.state === 'failed' && (r.execution?.note === 'interrupted' || r.execution?.error?.kind === 'interrupted');

/** One line per state (and the kind's words once MDE took it), each true for that state: who did what, and what Defender did. */
export function requestStatus(r: ContainmentRequest, kind: ActionCardView): RequestStatus {
  const by = r.decision ? deciderName(r.decision) : '';
  const noun = kind.mdeNoun;
  switch (r.state) {
    case 'requested':
      return { text: `Waiting for an approver (until ${at(r.expiresAt)})`, tone: 'warning' };
    case 'approved':
      if (r.resumable) return { text: `Approved by ${by}, but not started: Verdict could not write its audit journal, so nothing was sent to Defender. An approver can approve again to start it.`, tone: 'attention' };
      return { text: `Approved by ${by}: executing in Defender…`, tone: 'warning' };
    case 'executing':
      return { text: `Approved by ${by}: executing in Defender…`, tone: 'warning' };
    case 'succeeded':
      if (kind.succeeded) return kind.succeeded(r, by);
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

const NOTE_TEXT: Readonly<Record<ExecutionNote, string>> = {
  'already-pending': 'Defender already had this action under way',
  reconciled: 'Confirmed in Defender after Verdict restarted mid-call',
  'confirmed-after-error': "Defender's answer was an error, but Defender shows it was done",
  'outcome-unknown': "Defender's answer was lost and Verdict could not check: look in the Defender portal",
  interrupted: 'Verdict stopped before Defender did anything',
};

/** An execution note as people read it (the journal keeps the code), in the kind's words where it has its own; '' for none or an unknown one. */
export function noteText(r: ContainmentRequest, kind: ActionCardView): string {
  const note = r.execution?.note;
  if (!note) return '';
  return kind.noteText?.(r) ?? NOTE_TEXT[note] ?? '';
}
