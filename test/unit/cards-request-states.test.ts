import { NO_BUTTONS } from '../../src/cards/approval-card';
import { containmentRequestSchema, approvalCard } from '../support/stored-request';
import { cardText } from '../support/card-text';
import { KINDS, requestIn as request, STATES } from '../support/approval-requests';

/** What must be true of the card, per state: the words it says and those it must not. */
const FACTS: Record<string, { says: RegExp[]; never: RegExp[] }> = {
  requested: { says: [/Waiting for an approver/], never: [/Approved by/, /Denied by/, /Cancelled by/] },
  approved: { says: [/Approved by Megan Bowen: executing in Defender/], never: [/Approved by Alex/, /Denied by/, /Cancelled by/] },
  'approved, not started (resumable)': { says: [/Approved by Megan Bowen, but not started/, /nothing was sent to Defender/], never: [/Approved by Alex/, /done/] },
  executing: { says: [/Approved by Megan Bowen: executing in Defender/], never: [/Approved by Alex/, /Cancelled by/] },
  succeeded: { says: [/^Approved by Megan Bowen: (done|device isolated)/m, /Approved by\nMegan Bowen/], never: [/Approved by Alex/, /did not/] },
  failed: { says: [/Approved by Megan Bowen, but Defender did not do it/, /Approved by\nMegan Bowen/], never: [/Approved by Alex/, /done/] },
  interrupted: { says: [/Approved by Megan Bowen, but interrupted/, /nothing was done/], never: [/Defender did not do it/, /Approved by Alex/, /^Note\ninterrupted$/m] },
  denied: { says: [/^Denied by Megan Bowen/m, /Denied by\nMegan Bowen/, /not this one/], never: [/Approved by/, /Cancelled by/] },
  expired: { says: [/Expired: nobody decided in time/], never: [/Approved by/, /Denied by/, /Cancelled by/] },
  cancelled: { says: [/^Cancelled by Alex Wilber \(the requester\)/m, /Cancelled by\nAlex Wilber/], never: [/Approved by/, /Denied by/] },
};

const CASES = KINDS.flatMap((kind) => Object.keys(STATES).map((state) => [state, kind] as const));

describe('approval card: every state says what is true', () => {
  it.each(CASES)('when the request is %s (%s), then the card says who did what and nothing false', (state, kind) => {
    const text = cardText(approvalCard({ request: request(kind, STATES[state] ?? {}), buttons: NO_BUTTONS }));
    const facts = FACTS[state];
    if (!facts) throw new Error(`no facts for ${state}`);
    for (const says of facts.says) expect(text).toMatch(says);
    for (const never of facts.never) expect(text).not.toMatch(never);
  });

  it('when every state is listed, then the table covers every state the model has', () => {
    const covered = new Set(Object.values(STATES).map((s) => (s as { state: string }).state));
    expect([...covered].sort()).toEqual([...containmentRequestSchema.options[0].shape.state.options].sort());
  });
});
