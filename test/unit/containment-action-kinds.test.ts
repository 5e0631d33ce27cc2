import { z } from 'zod';
import { actionKinds, type ActionKind, type ActionPolicy } from '../../src/containment/action-kind';
import { storedRequestSchema } from '../../src/containment/model';
import { requestKey } from '../../src/containment/repository';
import { as, ALICE, BOB, blockInput, isolateInput, MACHINE, setup, TENANT, type Harness } from './containment-fakes';

/**
 * The seam a response action is written against (src/containment/action-kind.ts), with a kind
 * that exists only here: a scan that, by default, needs no approver (ActionPolicy `none`).
 */
const scanRequestSchema = storedRequestSchema('test-scan', z.object({ machineId: z.string().regex(/^[0-9a-f]{40}$/) }), z.object({ scanType: z.enum(['Quick', 'Full']) }));
type ScanRequest = z.infer<typeof scanRequestSchema>;

function scanKind(policy: ActionPolicy = { requestRole: 'responder', approval: 'none' }) {
  const calls: string[] = [];
  const kind: ActionKind<ScanRequest> = {
    kind: 'test-scan',
    stored: scanRequestSchema,
    input: z.object({ target: z.object({ machineId: z.string().toLowerCase().regex(/^[0-9a-f]{40}$/) }), parameters: z.object({ scanType: z.enum(['Quick', 'Full']) }) }),
    policy,
    precheck: async () => ({ ok: true }),
    callSummary: (r) => ({ operation: 'machines.scan', machineId: r.target.machineId, scanType: r.parameters.scanType }),
    async execute(r) {
      calls.push(r.id);
      return { type: 'succeed', mdeId: `scan-${calls.length}`, status: 'Pending' };
    },
    evidence: async () => ({ found: false, detail: 'no scan' }),
  };
  return { kind, calls };
}

const conversation = { id: '19:soc@thread.tacv2' };
const scanInput = { kind: 'test-scan', target: { machineId: MACHINE }, parameters: { scanType: 'Quick' }, reason: 'Suspicious download on ws-0042' };
const ask = (h: Harness, input: object, actor = as(ALICE, 'responder')) => h.service.request({ actor, tenantId: TENANT, conversation, input });

describe('response action kinds', () => {
  it('when a kind needs no approval, then its request is approved by policy and executed at once, each step journaled', async () => {
    const { kind, calls } = scanKind();
    const h = setup({ kinds: [kind] });
    const result = await ask(h, scanInput);
    expect(result).toMatchObject({ ok: true, request: { kind: 'test-scan', state: 'succeeded', decision: { byPolicy: true }, execution: { mdeId: 'scan-1', mdeStatus: 'Pending' } } });
    expect(calls).toHaveLength(1);
    expect(h.audit.types()).toEqual(['containment.requested', 'containment.approved', 'containment.executing', 'containment.succeeded']);
    // The requester asked; nobody approved: the approval is Verdict's step, marked as by policy.
    expect(h.audit.entries[0]).toMatchObject({ actor: ALICE, data: { approval: 'none' } });
    expect(h.audit.entries[1]).toMatchObject({ actor: { name: 'verdict' }, data: { from: 'requested', to: 'approved', byPolicy: true } });
    expect(h.audit.entries[2]?.data).toMatchObject({ mde: { operation: 'machines.scan', machineId: MACHINE, scanType: 'Quick' } });
  });

  it('when the journal refuses the approval by policy, then nothing is called and the request waits like any other', async () => {
    const { kind, calls } = scanKind();
    const h = setup({ kinds: [kind] });
    h.audit.failWhen = (entry) => entry.type === 'containment.approved';
    const result = await ask(h, scanInput);
    expect(result).toMatchObject({ ok: false, reason: 'audit-unavailable' });
    expect(calls).toEqual([]);
    const stored = (await h.store.read([requestKey('req0000000000000000001')]))[requestKey('req0000000000000000001')];
    expect(stored).toMatchObject({ state: 'requested' });
  });

  it('when config gives a no-approval kind four-eyes, then its request waits for an approver, who runs it', async () => {
    const { kind, calls } = scanKind();
    const h = setup({ kinds: [kind], actionPolicy: new Map([['test-scan', { requestRole: 'responder', approval: 'four-eyes' }]]) });
    const asked = await ask(h, scanInput);
    expect(asked).toMatchObject({ ok: true, request: { state: 'requested' } });
    expect(calls).toEqual([]);
    expect(h.audit.entries[0]?.data).not.toHaveProperty('approval');
    const approved = await h.service.decide('approve', { id: asked.ok ? asked.request.id : '', actor: as(BOB, 'approver'), tenantId: TENANT });
    expect(approved).toMatchObject({ ok: true, request: { state: 'succeeded', decision: { by: BOB } } });
    expect(calls).toHaveLength(1);
  });

  it('when config lets an existing kind run without approval, then an isolation is sent at once', async () => {
    const h = setup({ actionPolicy: new Map([['isolate-device', { requestRole: 'responder', approval: 'none' }]]) });
    expect(await ask(h, isolateInput())).toMatchObject({ ok: true, request: { state: 'succeeded', decision: { byPolicy: true } } });
    expect(h.machines.isolations).toEqual([expect.objectContaining({ machineId: MACHINE, isolationType: 'Full' })]);
  });

  it('when config says only approvers may ask for a kind, then a responder is refused (journaled) and an approver is not', async () => {
    const h = setup({ actionPolicy: new Map([['block-file', { requestRole: 'approver', approval: 'four-eyes' }]]) });
    expect(await ask(h, blockInput())).toEqual({ ok: false, reason: 'not-allowed' });
    expect(h.audit.entries[0]).toMatchObject({ type: 'containment.refused', data: { verb: 'request', reason: 'not-allowed' } });
    expect(await ask(h, blockInput(), as(BOB, 'approver'))).toMatchObject({ ok: true, request: { state: 'requested' } });
    // The other kinds keep their own default.
    expect(await ask(h, isolateInput())).toMatchObject({ ok: true });
  });

  it('when a request of a kind this Verdict does not run is stored, then it does not load (corrupt, left for a person)', async () => {
    const { kind } = scanKind({ requestRole: 'responder', approval: 'four-eyes' });
    const withScan = setup({ kinds: [kind] });
    const asked = await ask(withScan, scanInput);
    const id = asked.ok ? asked.request.id : '';
    const without = setup({ store: withScan.store });
    expect(await without.service.get(id, TENANT)).toBeUndefined();
    expect(await without.service.recoverInFlight()).toEqual([{ id, action: 'corrupt', detail: 'kind: not a response action this Verdict runs' }]);
  });

  it('when a kind is named twice or not in kebab-case, or a policy names no kind, then Verdict refuses to start', () => {
    const { kind } = scanKind();
    expect(() => actionKinds([kind, kind])).toThrow('registered twice');
    expect(() => actionKinds([{ ...kind, kind: 'Test_Scan' }])).toThrow('kebab-case');
    expect(() => setup({ actionPolicy: new Map([['release-device', { requestRole: 'responder', approval: 'none' }]]) })).toThrow('release-device');
  });

  it('when the input names no kind Verdict runs, then it is invalid, naming the kinds there are', async () => {
    const h = setup();
    const result = await ask(h, { ...scanInput, kind: 'constructor' });
    expect(result).toMatchObject({ ok: false, reason: 'invalid-input' });
    expect(!result.ok && 'issues' in result && result.issues.join('\n')).toContain('kind: not a response action Verdict runs (block-file, isolate-device)');
  });

  it('when requests were stored by the version before the seam, then both kinds load unchanged', async () => {
    const h = setup();
    const common = { tenantId: TENANT, requester: ALICE, createdAt: '2026-03-02T09:00:00.000Z', expiresAt: '2026-03-02T10:00:00.000Z', reason: 'INC-4211', conversation: { id: '19:soc@thread.tacv2', activityId: '1:card' }, revision: 4 };
    const block = {
      ...common, id: 'reqLegacyBlock00000001', kind: 'block-file', state: 'succeeded',
      target: { sha256: 'a'.repeat(64), sha1: 'b'.repeat(40), fileName: 'invoice.exe', verdict: 'Malicious' },
      parameters: { action: 'Block', generateAlert: true, severity: 'High', expirationTime: '2026-04-01T09:00:00.000Z', title: 'Block it', description: 'd', rbacGroupNames: ['Servers'] },
      supersedes: { id: '4711', action: 'Audit', hash: 'sha1', replaced: false, expirationTime: null, createdBy: 'soc@contoso.com' },
      decision: { by: BOB, at: '2026-03-02T09:05:00.000Z', comment: 'ok' },
      execution: { startedAt: '2026-03-02T09:05:00.000Z', finishedAt: '2026-03-02T09:05:01.000Z', mdeId: '9001', mdeStatus: 'Active' },
      history: [{ at: '2026-03-02T09:00:00.000Z', from: null, to: 'requested', by: ALICE }, { at: '2026-03-02T09:05:00.000Z', from: 'requested', to: 'approved', by: BOB }],
    };
    const isolate = {
      ...common, id: 'reqLegacyIsolate000001', kind: 'isolate-device', state: 'succeeded',
      target: { machineId: MACHINE, computerDnsName: 'ws-0042.contoso.com' }, parameters: { isolationType: 'Selective' },
      decision: { by: BOB, at: '2026-03-02T09:05:00.000Z' },
      execution: { startedAt: '2026-03-02T09:05:00.000Z', finishedAt: '2026-03-02T09:05:01.000Z', mdeId: 'ma-1', mdeStatus: 'Pending', mdeStatusAt: '2026-03-02T09:06:00.000Z', note: 'already-pending' },
      history: [{ at: '2026-03-02T09:00:00.000Z', from: null, to: 'requested', by: ALICE }],
    };
    await h.store.write({ [requestKey(block.id)]: block, [requestKey(isolate.id)]: isolate });
    expect(await h.service.get(block.id, TENANT)).toMatchObject(block);
    const loaded = await h.service.get(isolate.id, TENANT);
    expect(loaded).toMatchObject(isolate);
    expect(loaded && h.service.follows(loaded)).toBe(true);
  });
});
