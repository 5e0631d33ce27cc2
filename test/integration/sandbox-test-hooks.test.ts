import { startSandbox, type Sandbox } from '../../src/sandbox';
import { DEMO_FILES } from '../../src/sandbox/demo-tenant';
import { call, tokenFor } from './sandbox-http';

/*
 * What containment tests ask of the sandbox besides MDE's API: a fault on one method with a given
 * correlation id, an indicator as if made in the portal, and the requests its routes answered.
 */
jest.setTimeout(30_000);
const SHA = DEMO_FILES.unknown.sha256;
const body = { indicatorValue: SHA, indicatorType: 'FileSha256', action: 'Block', title: 'Block it', description: 'From Teams', severity: 'High', generateAlert: true };
const byValue = `/api/indicators?$filter=indicatorValue eq '${SHA}'`;

let sb: Sandbox;
let token: string;
beforeEach(async () => {
  sb = await startSandbox();
  token = await tokenFor(sb);
});
afterEach(() => sb.stop());

describe('sandbox test hooks', () => {
  it('when a status fault names POST and a correlation id, then a GET of the family passes and the next POST gets exactly that error', async () => {
    sb.faults.inject({ family: 'indicators', method: 'POST', type: 'status', status: 403, code: 'Forbidden', target: 'corr-123' });
    expect((await call(sb, token, byValue)).status).toBe(200);
    const refused = await call(sb, token, '/api/indicators', body);
    expect([refused.status, refused.json.error?.code, refused.json.error?.target]).toEqual([403, 'Forbidden', 'corr-123']);
    expect((await call(sb, token, '/api/indicators', body)).status).toBe(200);
  });

  it('when a fault names a method it does not know, then it is refused naming the field', () => {
    expect(() => sb.faults.inject({ family: 'indicators', method: 'FETCH' as never, type: 'latency', ms: 1 })).toThrow(/method/);
  });

  it('when an indicator is added as if made in the portal, then MDE lists it as a user’s, with the given id and creator', async () => {
    expect(sb.portal.addIndicator({ id: '42', indicatorValue: SHA, action: 'Allowed', createdBy: 'soc@contoso.com' })).toBe('42');
    const [found] = (await call(sb, token, byValue)).json.value ?? [];
    expect(found).toMatchObject({ id: '42', indicatorValue: SHA, indicatorType: 'FileSha256', action: 'Allowed', expirationTime: null, createdBy: 'soc@contoso.com', sourceType: 'User', createdBySource: 'Portal' });
  });

  it('when a portal indicator would take an id or a value already held, then it is refused', () => {
    const id = sb.portal.addIndicator({ indicatorValue: SHA, action: 'Block', createdBy: 'soc@contoso.com' });
    expect(() => sb.portal.addIndicator({ id, indicatorValue: DEMO_FILES.clean.sha256, action: 'Block', createdBy: 'x@contoso.com' })).toThrow(/already has indicator/);
    expect(() => sb.portal.addIndicator({ indicatorValue: SHA.toUpperCase(), action: 'Audit', createdBy: 'x@contoso.com' })).toThrow(/already has indicator/);
  });

  it('when the bot posts an indicator, then the sandbox lists that request with its body and answer status; faulted requests are not listed', async () => {
    sb.faults.inject({ family: 'indicators', method: 'POST', type: 'status', status: 503 });
    await call(sb, token, '/api/indicators', body);
    await call(sb, token, '/api/indicators', body);
    await call(sb, token, '/api/indicators', { ...body, indicatorType: 'Nonsense' });
    expect(sb.received().map((r) => [r.method, r.path, r.family, r.status])).toEqual([
      ['POST', '/indicators', 'indicators', 200],
      ['POST', '/indicators', 'indicators', 400],
    ]);
    expect(sb.received()[0]?.body).toEqual(body);
  });
});
