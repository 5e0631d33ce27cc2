import { can, capabilitiesOf, describeRoles, expandRoles, isRole, type Capability, type Role } from '../../src/access/roles';

const set = (...roles: Role[]) => expandRoles(roles);

describe('roles and capabilities', () => {
  it.each<[Role[], Capability[]]>([
    [[], []],
    [['reader'], ['lookup']],
    [['responder'], ['lookup', 'request-containment', 'review-indicators']],
    [['approver'], ['lookup', 'decide-containment', 'view-audit', 'review-indicators']],
    [['responder', 'approver'], ['lookup', 'request-containment', 'decide-containment', 'view-audit', 'review-indicators']],
  ])('when a user holds %j, then they may exactly %j', (roles, capabilities) => {
    expect(capabilitiesOf(set(...roles))).toEqual(capabilities);
  });

  it('when responder or approver is granted, then reader is implied, but approver never implies responder', () => {
    expect([...set('responder')].sort()).toEqual(['reader', 'responder']);
    expect([...set('approver')].sort()).toEqual(['approver', 'reader']);
    expect(can(set('approver'), 'request-containment')).toBe(false);
  });

  it('when roles are described, then the most powerful comes first, and none says so', () => {
    expect(describeRoles(set('responder', 'approver'))).toBe('approver, responder, reader');
    expect(describeRoles(set())).toBe('no Verdict role');
  });

  it('when a value is checked as a role, then only the three names pass', () => {
    expect(['reader', 'responder', 'approver', 'admin', 'Reader', undefined].map(isRole)).toEqual([true, true, true, false, false, false]);
  });
});
