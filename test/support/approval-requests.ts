import { containmentRequestSchema, type ContainmentKind, type ContainmentRequest } from './stored-request';

/** Approval-card fixtures: a request of each kind in each state, as the service leaves it. */

const SHA = '275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f';
const MACHINE = '1e5bc9d7e413ddd7902c2932e418702b84d0cc07';
export const alex = { aadObjectId: 'a1', name: 'Alex Wilber' };
export const megan = { aadObjectId: 'm1', name: 'Megan Bowen' };
const T0 = '2026-03-02T09:10:00.000Z';

export const KIND_FIELDS: Record<ContainmentKind, object> = {
  'block-file': { target: { sha256: SHA, verdict: 'Malicious' }, parameters: { action: 'Block', generateAlert: true, severity: 'High', expirationTime: '2026-04-01T09:00:00.000Z', title: 'EICAR', description: 'd' } },
  'isolate-device': { target: { machineId: MACHINE, computerDnsName: 'ws-07' }, parameters: { isolationType: 'Full' } },
};

const interrupted = { kind: 'interrupted', message: 'Verdict stopped after the approval and before calling Defender; nothing was sent.' };

/** Each state as the service leaves it: who decided (if anyone) and what Defender said. */
export const STATES: Record<string, object> = {
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

export const requestIn = (kind: ContainmentKind, state: object): ContainmentRequest =>
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

export const KINDS: ContainmentKind[] = ['block-file', 'isolate-device'];
