import { problemCard } from '../../cards/problem-card';
import type { RefusalReason } from '../../containment/refusal';
import type { Card } from '../../cards/card';

/** Why a click on an approval card was refused, for the notice on top of the card. */
export const REFUSAL_TEXT: Readonly<Record<RefusalReason, string>> = {
  'not-found': 'There is no such containment request.',
  'wrong-tenant': 'There is no such containment request.',
  'not-allowed': "You can't do that: approving or denying needs the Verdict approver role; cancelling, being the requester with the responder role.",
  'four-eyes': "You can't approve or deny your own request: another approver must decide (four-eyes rule).",
  'already-decided': 'This request has already been decided; the card shows the outcome.',
  expired: 'This request expired before anyone decided. Ask again if it is still needed.',
  'not-requester': 'Only the person who asked can cancel this request.',
  invalid: 'That was not a valid decision (is the comment too long?).',
};

/** The refusal notice for the button that was clicked (a role refusal names the role that button needs). */
export function refusalText(reason: RefusalReason, click: 'approve' | 'deny' | 'cancel' | 'view'): string {
  if (reason !== 'not-allowed') return REFUSAL_TEXT[reason];
  if (click === 'cancel') return "You can't cancel this request: only the person who asked, with the Verdict responder role, can.";
  return `You can't ${click === 'deny' ? 'deny' : 'approve'} this request: that needs the Verdict approver role.`;
}

export function requestNotFoundCard(): Card {
  return problemCard({
    title: 'No such containment request',
    detail: 'Verdict has no containment request with that id in your organisation.',
    action: 'Use the buttons on the approval card Verdict posted, or ask again from a verdict card.',
  });
}

export function invalidRequestButtonCard(): Card {
  return problemCard({
    title: 'This button is not valid',
    detail: 'It did not carry a containment request id Verdict issued.',
    action: 'Use the buttons on the approval card Verdict posted.',
  });
}

export function auditUnavailableCard(afterMde: boolean): Card {
  return problemCard({
    title: "Verdict couldn't write its audit journal",
    detail: afterMde
      ? 'Defender was called and its outcome is stored, but the audit entry is not written yet; Verdict will write it as soon as the journal works again.'
      : 'Nothing was done: containment never happens without an audit entry.',
    action: 'Try again in a minute; if it keeps failing, tell your Verdict admin (the state directory may be full or read-only).',
  });
}
