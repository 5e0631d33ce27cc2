import { REQUEST_STATES, type RequestState } from '../../src/containment/model';
import { decisionRefusal, mayDecide, type DecideRefusal, type DecisionSubject } from '../../src/containment/may-decide';
import type { ContainmentRole } from '../../src/containment/ports';

const REQUESTER = 'aaaaaaaa-0000-4000-8000-00000000000a';
const OTHER = 'bbbbbbbb-0000-4000-8000-00000000000b';

/** Who clicks: [name, is the requester, roles]. */
const WHO: [string, boolean, ContainmentRole[]][] = [
  ['an approver', false, ['approver']],
  ['the requester (a responder)', true, ['responder']],
  ['the requester who is also an approver', true, ['responder', 'approver']],
  ['a responder who is neither', false, ['responder']],
];

/** Every state, plus the approved request whose start was undone. */
const SUBJECTS: [string, DecisionSubject][] = [
  ...REQUEST_STATES.map((state: RequestState): [string, DecisionSubject] => [state, { state, requester: { aadObjectId: REQUESTER } }]),
  ['approved and resumable', { state: 'approved', resumable: true, requester: { aadObjectId: REQUESTER } }],
];

/** The expected answer, written out as the rule reads: state first, then role, then four-eyes. */
function expected(subject: DecisionSubject, isRequester: boolean, roles: ContainmentRole[], fourEyes: boolean): DecideRefusal | 'ok' {
  if (subject.state !== 'requested' && !(subject.state === 'approved' && subject.resumable)) return 'not-requested';
  if (!roles.includes('approver')) return 'not-approver';
  if (fourEyes && isRequester) return 'four-eyes';
  return 'ok';
}

const cases = SUBJECTS.flatMap(([label, subject]) => WHO.flatMap(([who, isRequester, roles]) => [true, false].map((fourEyes) => ({ label, subject, who, isRequester, roles, fourEyes }))));

describe('mayDecide', () => {
  it.each(cases)('when $who looks at a $label request with fourEyes=$fourEyes, then the answer follows the rule', ({ subject, isRequester, roles, fourEyes }) => {
    const result = mayDecide({ aadObjectId: isRequester ? REQUESTER : OTHER, roles: new Set(roles) }, subject, { fourEyes });
    const want = expected(subject, isRequester, roles, fourEyes);
    expect(result).toEqual(want === 'ok' ? { ok: true } : { ok: false, reason: want });
  });

  it('when the table is read, then every answer occurs in it', () => {
    const answers = new Set(cases.map((c) => expected(c.subject, c.isRequester, c.roles, c.fourEyes)));
    expect([...answers].sort()).toEqual(['four-eyes', 'not-approver', 'not-requested', 'ok']);
  });

  it('when the requester id differs only in case, then four-eyes still knows them', () => {
    const result = mayDecide({ aadObjectId: REQUESTER.toUpperCase(), roles: new Set(['approver']) }, { state: 'requested', requester: { aadObjectId: REQUESTER } }, { fourEyes: true });
    expect(result).toEqual({ ok: false, reason: 'four-eyes' });
  });

  it('when the requester is unknown (no request yet), then no approver is taken for them', () => {
    expect(mayDecide({ aadObjectId: REQUESTER, roles: new Set(['approver']) }, { state: 'requested' }, { fourEyes: true })).toEqual({ ok: true });
  });

  it('when a refusal is shown to the clicker, then it uses the click words (role → not-allowed, state → already-decided)', () => {
    expect(decisionRefusal('four-eyes')).toBe('four-eyes');
    expect(decisionRefusal('not-approver')).toBe('not-allowed');
    expect(decisionRefusal('not-requested')).toBe('already-decided');
  });
});
