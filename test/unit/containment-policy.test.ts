import { authorize, type Verb } from '../../src/containment/policy';
import type { ContainmentRole } from '../../src/containment/ports';
import { ALICE, as, opened, OTHER_TENANT, setup, TENANT } from './containment-fakes';

// [verb, roles, allowed?]
const TABLE: [Verb, ContainmentRole[], boolean][] = [
  ['request', ['responder'], true],
  ['request', ['approver'], false],
  ['request', ['reader'], false],
  ['request', [], false],
  ['approve', ['approver'], true],
  ['approve', ['responder'], false],
  ['approve', ['reader'], false],
  ['deny', ['approver'], true],
  ['deny', ['responder', 'reader'], false],
  ['cancel', ['responder'], true],
  ['cancel', ['approver'], false],
  ['cancel', [], false],
];

describe('authorize', () => {
  it.each(TABLE)('when %s is tried with roles %j, then allowed is %s', (verb, roles, allowed) => {
    expect(authorize(verb, as(ALICE, ...roles), TENANT).ok).toBe(allowed);
  });

  it('when the request belongs to another tenant, then it is wrong-tenant whatever the roles', async () => {
    const request = await opened(setup());
    expect(authorize('approve', as(ALICE, 'approver', 'responder', 'reader'), OTHER_TENANT, request)).toEqual({ ok: false, reason: 'wrong-tenant' });
  });

  it('when the tenant id differs only in case, then it is the same tenant', async () => {
    const request = await opened(setup());
    expect(authorize('approve', as(ALICE, 'approver'), TENANT.toUpperCase(), request)).toEqual({ ok: true });
  });

  it('when the actor has no Entra object id, then nothing is allowed', () => {
    expect(authorize('request', { aadObjectId: ' ', name: 'anonymous', roles: new Set(['responder']) }, TENANT)).toMatchObject({ ok: false, reason: 'not-allowed' });
  });
});
