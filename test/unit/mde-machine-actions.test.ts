import { createMdeContainmentGateways } from '../../src/mde/containment-gateways';
import { isMdeError, type MdeError } from '../../src/mde/errors';
import { mdeMachineActionSchema } from '../../src/mde/machine-action';
import { getMachineAction, isolateMachine, listMachineActions } from '../../src/mde/machine-actions';
import { createMdeRequest } from '../../src/mde/request';
import { scriptedFetch, type ExpectedCall } from '../support/scripted-fetch';

const BASE = 'https://mde.test';
const MACHINE = '1e5bc9d7e413ddd7902c2932e418702b84d0cc07';
const NOW = Date.parse('2026-11-22T01:00:00Z');
const ACTION_ID = '5c7d0f8e-1a2b-4c3d-9e8f-0a1b2c3d4e5f';
const action = (over: Record<string, unknown> = {}) => ({ id: ACTION_ID, type: 'Isolate', status: 'Pending', machineId: MACHINE, creationDateTimeUtc: '2026-11-22T01:00:01Z', requestorComment: 'Verdict r1', ...over });
const isolateUrl = `${BASE}/api/machines/${MACHINE}/isolate`;

function setup(expected: ExpectedCall[]) {
  const http = scriptedFetch(expected);
  const request = createMdeRequest({ baseUrl: BASE, tokenProvider: { getToken: async () => 'tok' }, fetch: http.fetch, sleep: async () => undefined, random: () => 0 });
  return { request, http };
}

async function failure(p: Promise<unknown>): Promise<MdeError> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  if (!isMdeError(err)) throw new Error(`expected an MdeError, got ${String(err)}`);
  return err;
}

const isolate = (request: ReturnType<typeof setup>['request'], id = MACHINE) => isolateMachine(request, id, { comment: 'Verdict r1', isolationType: 'Full' }, { now: () => NOW });

describe('isolateMachine', () => {
  it('when MDE answers 201, then the body had Comment and IsolationType and the action is created', async () => {
    const { request, http } = setup([{ method: 'POST', url: isolateUrl, body: { Comment: 'Verdict r1', IsolationType: 'Full' }, reply: { status: 201, body: action() } }]);
    expect(await isolate(request)).toMatchObject({ kind: 'created', action: { id: ACTION_ID, status: 'Pending' } });
    http.assertDone();
  });

  it.each([
    ['ActiveRequestAlreadyExists', 'Some other wording'],
    ['BadRequest', 'Action is already in progress'],
  ])('when MDE answers 400 %s "%s", then the result is already-pending, not an exception', async (code, message) => {
    const { request } = setup([{ method: 'POST', url: isolateUrl, reply: { status: 400, body: { error: { code, message, target: 'corr-1' } } } }]);
    expect(await isolate(request)).toEqual({ kind: 'already-pending', code, target: 'corr-1' });
  });

  it('when a 201 hands back an action created long before the call, then it is already-pending with its id', async () => {
    const { request } = setup([{ method: 'POST', url: isolateUrl, reply: { status: 201, body: action({ creationDateTimeUtc: '2026-11-21T20:00:00Z' }) } }]);
    expect(await isolate(request)).toEqual({ kind: 'already-pending', actionId: ACTION_ID });
  });

  it('when MDE answers another 400 or a 404, then an MdeError is thrown', async () => {
    const { request } = setup([
      { method: 'POST', url: isolateUrl, reply: { status: 400, body: { error: { code: 'OsPlatformNotSupported', message: 'nope' } } } },
      { method: 'POST', url: isolateUrl, reply: { status: 404, body: { error: { code: 'ResourceNotFound', message: `Machine ${MACHINE} was not found` } } } },
    ]);
    expect(await failure(isolate(request))).toMatchObject({ kind: 'bad-request', code: 'OsPlatformNotSupported', permissions: ['Machine.Isolate'] });
    expect(await failure(isolate(request))).toMatchObject({ kind: 'not-found', code: 'ResourceNotFound' });
  });

  it('when MDE answers 500, then the isolate is not retried', async () => {
    const { request, http } = setup([{ method: 'POST', url: isolateUrl, reply: { status: 500 } }]);
    expect((await failure(isolate(request))).kind).toBe('server');
    http.assertDone();
  });

  it('when the machine id is not 40 hex characters, then it is refused without calling MDE', async () => {
    const { request, http } = setup([]);
    expect((await failure(isolate(request, "x' or 1 eq 1"))).kind).toBe('bad-request');
    expect(http.calls).toHaveLength(0);
  });
});

describe('machine action lists', () => {
  it('when actions are listed with every filter, then one $filter joins them with and', async () => {
    const filter = encodeURIComponent(`machineId eq '${MACHINE}' and type eq 'Isolate' and status eq 'Pending' and creationDateTimeUtc ge 2026-11-22T00:00:00.000Z`);
    const { request, http } = setup([{ method: 'GET', url: `${BASE}/api/machineactions?$filter=${filter}&$top=10`, reply: { status: 200, body: { value: [] } } }]);
    await listMachineActions(request, { machineId: MACHINE.toUpperCase(), type: 'Isolate', status: 'Pending', createdSince: '2026-11-22T00:00:00Z', top: 10 });
    http.assertDone();
  });

  it('when the update time is spelt either way, then lastUpdateDateTimeUtc carries it', () => {
    expect(mdeMachineActionSchema.parse(action({ lastUpdateTimeUtc: '2026-11-22T01:02:00Z' })).lastUpdateDateTimeUtc).toBe('2026-11-22T01:02:00Z');
    expect(mdeMachineActionSchema.parse(action({ lastUpdateDateTimeUtc: '2026-11-22T01:03:00Z' })).lastUpdateDateTimeUtc).toBe('2026-11-22T01:03:00Z');
  });

  it('when an action is not found, then getMachineAction resolves null', async () => {
    const { request } = setup([{ method: 'GET', url: `${BASE}/api/machineactions/${ACTION_ID}`, reply: { status: 404, body: { error: { code: 'NotFound', message: 'x' } } } }]);
    await expect(getMachineAction(request, ACTION_ID)).resolves.toBeNull();
  });
});

describe('machine action gateway', () => {
  it('when a device has old and active actions, then pendingIsolation is the newest active Isolate/Unisolate', async () => {
    const value = [
      action({ id: 'a1', status: 'Succeeded', creationDateTimeUtc: '2026-11-22T00:10:00Z' }),
      action({ id: 'a2', status: 'Pending', creationDateTimeUtc: '2026-11-22T00:20:00Z' }),
      action({ id: 'a3', type: 'RunAntiVirusScan', status: 'Pending', creationDateTimeUtc: '2026-11-22T00:30:00Z' }),
      action({ id: 'a4', status: 'InProgress', creationDateTimeUtc: '2026-11-22T00:25:00Z' }),
    ];
    const url = `${BASE}/api/machineactions?$filter=${encodeURIComponent(`machineId eq '${MACHINE}'`)}&$top=10000`;
    const { request } = setup([{ method: 'GET', url, reply: { status: 200, body: { value } } }]);
    const gateways = createMdeContainmentGateways(request, { now: () => NOW });
    expect(await gateways.machines.pendingIsolation(MACHINE)).toMatchObject({ id: 'a4', status: 'InProgress', type: 'Isolate' });
  });

  it('when nothing is under way, then pendingIsolation is null', async () => {
    const url = `${BASE}/api/machineactions?$filter=${encodeURIComponent(`machineId eq '${MACHINE}'`)}&$top=10000`;
    const { request } = setup([{ method: 'GET', url, reply: { status: 200, body: { value: [action({ status: 'Failed' })] } } }]);
    await expect(createMdeContainmentGateways(request).machines.pendingIsolation(MACHINE)).resolves.toBeNull();
  });
});

describe('findRecentIsolation', () => {
  it('when MDE refuses the time filter with 400, then it asks again without it and filters the time itself', async () => {
    const since = '2026-11-22T00:15:00.000Z';
    const base = `machineId eq '${MACHINE}' and type eq 'Isolate'`;
    const { request, http } = setup([
      { method: 'GET', url: `${BASE}/api/machineactions?$filter=${encodeURIComponent(`${base} and creationDateTimeUtc ge ${since}`)}&$top=10000`, reply: { status: 400, body: { error: { code: 'ODataError', message: 'bad literal' } } } },
      {
        method: 'GET',
        url: `${BASE}/api/machineactions?$filter=${encodeURIComponent(base)}&$top=10000`,
        reply: { status: 200, body: { value: [action({ id: 'old', creationDateTimeUtc: '2026-11-22T00:10:00Z' }), action({ id: 'new', creationDateTimeUtc: '2026-11-22T00:20:00Z', status: 'Succeeded' })] } },
      },
    ]);
    expect(await createMdeContainmentGateways(request).machines.findRecentIsolation(MACHINE, since)).toMatchObject({ id: 'new', status: 'Succeeded' });
    http.assertDone();
  });
});
