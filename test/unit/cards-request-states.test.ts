import { approvalCard, NO_BUTTONS } from '../../src/cards/approval-card';
import { containmentRequestSchema, type ContainmentRequest, type ContainmentKind } from '../../src/containment/model';
import { cardText } from '../support/card-text';

const SHA = '275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f';
const MACHINE = '1e5bc9d7e413ddd7902c2932e418702b84d0cc07';
const alex = { aadObjectId: 'a1', name: 'Alex Wilber' };
const megan = { aadObjectId: 'm1', name: 'Megan Bowen' };
const T0 = '2026-03-02T09:10:00.000Z';

const KIND_FIELDS: Record<ContainmentKind, object> = {
  'block-file': { target: { sha256: SHA, verdict: 'Malicious' }, parameters: { action: 'Block', generateAlert: true, severity: 'High', expirationTime: '2026-04-01T09:00:00.000Z', title: 'EICAR', description: 'd' } },
  'isolate-device': { target: { machineId: MACHINE, computerDnsName: 'ws-07' }, parameters: { isolationType: 'Full' } },
};

const interrupted = { kind: 'interrupted', message: 'Verdict stopped after the approval and before calling Defender; nothing was sent.' };

/** Each state as the service leaves it: who decided (if anyone) and what Defender said. */
const STATES: Record<string, object> = {
  requested: { state: 'requested' },
  approved: { state: 'approved', decision: { by: megan, at: T0 } },
  'approved, not started (resumable)': { state: 'approved', resumable: true, decision: { by: megan, at: T0 } },
  executing: { state: 'executing', decision: { by: megan, at: T0 }, execution: { startedAt: T0 } },
  succeeded: { state: 'succeeded', decision: { by: megan, at: T0 }, execution: { startedAt: T0, finishedAt: T0, mdeId: '9001', mdeStatus: 'Succeeded' } },
  failed: { state: 'failed', decision: { by: megan, at: T0 }, execution: { startedAt: T0, finishedAt: T0, error: { kind: 'forbidden', code: 'Forbidden', message: 'Forbidden' } } },
  interrupted: { state: 'failed', decision: { by: megan, at: T0 }, execution: { finishedAt: T0, note: 'interrupted', error: interrupted } },
  denied: { state: 'denied', decision: { by: megan, at: T0, comment: 'not this one' } },
  expired: { state: 'expired' },
  cancelled: { state: 'cancelled', decision: { by: alex, at: T0 } },
};

const request = (kind: ContainmentKind, state: object): ContainmentRequest =>
  containmentRequestSchema.parse({
    id: 'req_ABCdef123456789012345',
    kind,
    tenantId: 't',
    requester: alex,
    createdAt: '2026-03-02T09:00:00.000Z',
    expiresAt: '2026-03-02T10:00:00.000Z',
    reason: 'seen in an advisory',
    conversation: { id: 'c' },
    history: [],
    revision: 0,
    ...KIND_FIELDS[kind],
    ...state,
  });

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

const KINDS: ContainmentKind[] = ['block-file', 'isolate-device'];
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
