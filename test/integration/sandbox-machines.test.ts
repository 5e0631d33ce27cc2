import { startSandbox, type Sandbox } from '../../src/sandbox';
import { DEMO_MACHINES } from '../../src/sandbox/demo-machines';
import { call, tokenFor } from './sandbox-http';

/** GET /api/machines/{id} over raw HTTP: the Machine shape, MDE's 404, roles, the machines family. */
const { workstation, buildServer } = DEMO_MACHINES;

describe('sandbox GET /api/machines/{id}', () => {
  let sb: Sandbox;
  let token: string;
  beforeAll(async () => {
    sb = await startSandbox();
    token = await tokenFor(sb);
  });
  afterAll(() => sb.stop());
  afterEach(() => sb.faults.clear());

  it('when a demo device is read by id (any case), then it is the Machine entity with its @odata.context', async () => {
    const { status, json } = await call(sb, token, `/api/machines/${buildServer.id.toUpperCase()}`);
    expect(status).toBe(200);
    expect(json).toEqual({ '@odata.context': `${sb.apiBaseUrl}/api/$metadata#Machines/$entity`, ...buildServer });
  });

  it('when the device is named by its computer name, then MDE answers with it too (documented), and the v1.0 prefix works', async () => {
    const { status, json } = await call(sb, token, `/api/v1.0/machines/${workstation.computerDnsName.toUpperCase()}`);
    expect(status).toBe(200);
    expect(json.id).toBe(workstation.id);
  });

  it('when the id is unknown, then 404 ResourceNotFound in MDE error shape with a correlation id', async () => {
    const { status, json } = await call(sb, token, `/api/machines/${'f'.repeat(40)}`);
    expect(status).toBe(404);
    expect(json.error).toEqual({ code: 'ResourceNotFound', message: `Machine ${'f'.repeat(40)} was not found`, target: expect.stringMatching(/^[0-9a-f-]{36}$/) });
  });

  it('when a fault is injected for the machines family, then the device lookup gets it and is counted there', async () => {
    const before = sb.stats().byFamily.machines ?? 0;
    sb.faults.inject({ type: 'status', status: 500, family: 'machines' });
    expect((await call(sb, token, `/api/machines/${workstation.id}`)).status).toBe(500);
    expect((await call(sb, token, `/api/machines/${workstation.id}`)).status).toBe(200);
    expect(sb.stats().byFamily.machines).toBe(before + 2);
  });
});

describe('sandbox GET /api/machines/{id}: roles and limits', () => {
  it('when the app has only Machine.Isolate, then 403 Forbidden naming Machine.Read.All and Machine.ReadWrite.All', async () => {
    const sb = await startSandbox({ appRoles: ['Machine.Isolate'] });
    try {
      const { status, json } = await call(sb, await tokenFor(sb), `/api/machines/${workstation.id}`);
      expect(status).toBe(403);
      expect(json.error?.message).toMatch(/API required roles: Machine\.Read\.All, Machine\.ReadWrite\.All/);
    } finally {
      await sb.stop();
    }
  });

  it('when lookups and isolations share the machines budget, then the third call of either is throttled', async () => {
    const sb = await startSandbox({ familyLimits: { machines: { perMinute: 2 } } });
    try {
      const token = await tokenFor(sb);
      expect((await call(sb, token, `/api/machines/${workstation.id}`)).status).toBe(200);
      expect((await call(sb, token, `/api/machines/${buildServer.id}/isolate`, { Comment: 'test', IsolationType: 'Full' })).status).toBe(201);
      const throttled = await call(sb, token, `/api/machines/${workstation.id}`);
      expect(throttled.status).toBe(429);
      expect(throttled.json.error?.code).toBe('TooManyRequests');
    } finally {
      await sb.stop();
    }
  });
});
