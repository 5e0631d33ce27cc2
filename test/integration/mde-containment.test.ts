import type { IndicatorSubmission } from '../../src/mde/containment-ports';
import { createMdeContainmentGateways } from '../../src/mde/containment-gateways';
import { describeMdeError } from '../../src/mde/describe-error';
import { isMdeError, type MdeError } from '../../src/mde/errors';
import { listIndicatorsByValue, submitIndicator } from '../../src/mde/indicators';
import { getMachineAction, isolateMachine, listMachineActions } from '../../src/mde/machine-actions';
import { createMdeRequest, type MdeRequest } from '../../src/mde/request';
import { createMsalTokenProvider } from '../../src/mde/token-provider';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../src/sandbox';
import { DEMO_INDICATOR_AUTHOR, DEMO_PUA_BLOCK_INDICATOR } from '../../src/sandbox/demo-indicators';
import { DEMO_MACHINES } from '../../src/sandbox/demo-machines';
import { DEMO_FILES } from '../../src/sandbox/demo-tenant';

/** The indicator and machine-action endpoints and the containment gateways, real HTTP against the sandbox. */
jest.setTimeout(30_000);

const SCOPE = 'https://api.securitycenter.microsoft.com/.default';
const FAST: SandboxOptions['containment'] = { actionPendingMs: 300, actionInProgressMs: 300 };

function requestFor(sb: Sandbox): MdeRequest {
  const tokenProvider = createMsalTokenProvider({ ...sb.credentials, authorityHost: sb.authorityHost, scope: SCOPE, caCertPem: sb.caCertPem });
  return createMdeRequest({ baseUrl: sb.apiBaseUrl, tokenProvider, random: () => 0 });
}

async function failure(p: Promise<unknown>): Promise<MdeError> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  if (!isMdeError(err)) throw new Error(`expected an MdeError, got ${String(err)}`);
  return err;
}

const block = (over: Partial<IndicatorSubmission> = {}): IndicatorSubmission => ({
  indicatorValue: DEMO_FILES.malware.sha256,
  indicatorType: 'FileSha256',
  action: 'Block',
  title: 'Verdict: EICAR',
  description: 'Approved block',
  expirationTime: new Date(Date.now() + 86_400_000).toISOString(),
  severity: 'High',
  generateAlert: true,
  rbacGroupNames: ['Finance workstations'],
  ...over,
});

async function until<T>(read: () => Promise<T>, done: (v: T) => boolean, timeoutMs = 5_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (done(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('indicators against the sandbox', () => {
  let sb: Sandbox;
  let request: MdeRequest;
  beforeAll(async () => {
    sb = await startSandbox({ containment: FAST });
    request = requestFor(sb);
  });
  afterAll(() => sb.stop());

  it('when an indicator is submitted, then a lookup by value finds it and re-submitting updates it without a duplicate', async () => {
    const first = await submitIndicator(request, block());
    expect(first).toMatchObject({ indicatorValue: DEMO_FILES.malware.sha256, action: 'Block', createdBy: sb.credentials.clientId, createdBySource: 'Verdict', rbacGroupNames: ['Finance workstations'] });
    const again = await submitIndicator(request, block({ indicatorValue: DEMO_FILES.malware.sha256.toUpperCase(), action: 'BlockAndRemediate' }));
    expect(again.id).toBe(first.id);
    const found = await listIndicatorsByValue(request, DEMO_FILES.malware.sha256);
    expect(found.map((i) => [i.id, i.action])).toEqual([[first.id, 'BlockAndRemediate']]);
  });

  it('when the PUA SHA-256 is looked up, then the demo portal block is found (already blocked)', async () => {
    const gateways = createMdeContainmentGateways(request);
    expect(await gateways.indicators.findExisting(DEMO_FILES.pua.sha256)).toEqual({ id: DEMO_PUA_BLOCK_INDICATOR.id, action: 'Block', expirationTime: null, createdBy: DEMO_INDICATOR_AUTHOR, createdByName: DEMO_PUA_BLOCK_INDICATOR.createdByDisplayName, indicatorType: 'FileSha256', title: DEMO_PUA_BLOCK_INDICATOR.title });
    await expect(gateways.indicators.findExisting(DEMO_FILES.clean.sha256)).resolves.toBeNull();
  });
});

describe('indicator permissions', () => {
  it('when the app has no Ti role, then the submission is forbidden naming Ti.ReadWrite.All', async () => {
    const sb = await startSandbox({ appRoles: ['Machine.Read.All'] });
    try {
      const err = await failure(submitIndicator(requestFor(sb), block()));
      expect(err).toMatchObject({ kind: 'forbidden', status: 403, operation: 'indicators.submit', permissions: ['Ti.ReadWrite.All'] });
      expect(describeMdeError(err).detail).toContain('Ti.ReadWrite.All');
    } finally {
      await sb.stop();
    }
  });

  it("when the app has only Ti.ReadWrite, then it sees its own indicators but not the portal's block", async () => {
    const sb = await startSandbox({ appRoles: ['Ti.ReadWrite'] });
    try {
      const gateways = createMdeContainmentGateways(requestFor(sb));
      await expect(gateways.indicators.findExisting(DEMO_FILES.pua.sha256)).resolves.toBeNull();
      const { id } = await gateways.indicators.submit(block());
      expect((await gateways.indicators.findExisting(DEMO_FILES.malware.sha256))?.id).toBe(id);
      expect(await gateways.indicators.activeCount()).toBe(1);
    } finally {
      await sb.stop();
    }
  });
});

describe('indicator quota', () => {
  it('when the tenant was seeded with indicators, then activeCount counts them, the demo one and new ones', async () => {
    const sb = await startSandbox({ containment: { seedIndicators: 120 } });
    try {
      const gateways = createMdeContainmentGateways(requestFor(sb));
      expect(await gateways.indicators.activeCount()).toBe(121);
      await gateways.indicators.submit(block());
      expect(await gateways.indicators.activeCount()).toBe(122);
    } finally {
      await sb.stop();
    }
  });
});

describe('machine isolation against the sandbox', () => {
  let sb: Sandbox;
  let request: MdeRequest;
  beforeAll(async () => {
    sb = await startSandbox({ containment: FAST });
    request = requestFor(sb);
  });
  afterAll(() => sb.stop());
  const laptop = DEMO_MACHINES.laptop.id;

  it('when a device is isolated, then the action is Pending and later Succeeded; a second isolate meanwhile is already-pending', async () => {
    const result = await isolateMachine(request, DEMO_MACHINES.workstation.id, { comment: 'Verdict r1: EICAR', isolationType: 'Full' });
    if (result.kind !== 'created') throw new Error('expected a created action');
    expect(result.action).toMatchObject({ type: 'Isolate', status: 'Pending', scope: 'Full', machineId: DEMO_MACHINES.workstation.id, requestorComment: 'Verdict r1: EICAR' });
    expect(result.action.lastUpdateDateTimeUtc).toEqual(expect.any(String));

    const second = await isolateMachine(request, DEMO_MACHINES.workstation.id, { comment: 'again', isolationType: 'Selective' });
    expect(second).toMatchObject({ kind: 'already-pending', code: 'ActiveRequestAlreadyExists' });

    const done = await until(() => getMachineAction(request, result.action.id), (a) => a?.status === 'Succeeded');
    expect(done?.status).toBe('Succeeded');
    const listed = await listMachineActions(request, { machineId: DEMO_MACHINES.workstation.id, type: 'Isolate' });
    expect(listed.map((a) => [a.id, a.status])).toEqual([[result.action.id, 'Succeeded']]);
    expect(listed[0]?.lastUpdateDateTimeUtc).toEqual(expect.any(String)); // answered as lastUpdateTimeUtc
  });

  it('when the device is unknown, then isolate fails not-found with ResourceNotFound', async () => {
    const err = await failure(isolateMachine(request, 'f'.repeat(40), { comment: 'x', isolationType: 'Full' }));
    expect(err).toMatchObject({ kind: 'not-found', status: 404, code: 'ResourceNotFound', operation: 'machines.isolate' });
  });

  it('when the gateways are used end to end, then pendingIsolation, findRecentIsolation and getAction agree', async () => {
    const { machines } = createMdeContainmentGateways(request);
    await expect(machines.pendingIsolation(laptop)).resolves.toBeNull();
    await expect(machines.isolationNow(laptop)).resolves.toEqual({ pending: null, isolatedBy: null });
    const since = new Date(Date.now() - 1_000).toISOString();
    const outcome = await machines.isolate(laptop, 'Verdict r2', 'Selective');
    if (outcome.kind !== 'created') throw new Error('expected created');
    expect(await machines.pendingIsolation(laptop)).toMatchObject({ id: outcome.action.id, type: 'Isolate' });
    expect(await machines.isolationNow(laptop)).toMatchObject({ pending: { id: outcome.action.id }, isolatedBy: null });
    expect(await machines.isolate(laptop, 'Verdict r2 again', 'Full')).toEqual({ kind: 'already-pending' });
    expect((await machines.findRecentIsolation(laptop, since))?.id).toBe(outcome.action.id);
    await expect(machines.findRecentIsolation(laptop, new Date(Date.now() + 60_000).toISOString())).resolves.toBeNull();
    await expect(machines.getAction('00000000-0000-4000-8000-000000000000')).resolves.toBeNull();
    const done = await until(() => machines.getAction(outcome.action.id), (a) => a?.status === 'Succeeded');
    expect(done).toMatchObject({ id: outcome.action.id, status: 'Succeeded', requestorComment: 'Verdict r2' });
    await expect(machines.pendingIsolation(laptop)).resolves.toBeNull();
    // Isolated now: the Succeeded Isolate holds it, and nothing is pending.
    expect(await machines.isolationNow(laptop)).toEqual({ pending: null, isolatedBy: expect.objectContaining({ id: outcome.action.id, type: 'Isolate', status: 'Succeeded' }) });
  });
});

describe('machine isolation failures', () => {
  it('when the sandbox ends actions in TimeOut, then the action ends TimeOut', async () => {
    const sb = await startSandbox({ containment: { ...FAST, actionOutcome: 'TimeOut' } });
    try {
      const { machines } = createMdeContainmentGateways(requestFor(sb));
      const outcome = await machines.isolate(DEMO_MACHINES.buildServer.id, 'Verdict r3', 'Full');
      if (outcome.kind !== 'created') throw new Error('expected created');
      expect((await until(() => machines.getAction(outcome.action.id), (a) => a?.status === 'TimeOut'))?.status).toBe('TimeOut');
    } finally {
      await sb.stop();
    }
  });

  it('when the app lacks Machine.Isolate, then isolate is forbidden naming it', async () => {
    const sb = await startSandbox({ appRoles: ['Machine.Read.All'] });
    try {
      const err = await failure(createMdeContainmentGateways(requestFor(sb)).machines.isolate(DEMO_MACHINES.laptop.id, 'x', 'Full'));
      expect(err).toMatchObject({ kind: 'forbidden', permissions: ['Machine.Isolate'] });
    } finally {
      await sb.stop();
    }
  });
});
