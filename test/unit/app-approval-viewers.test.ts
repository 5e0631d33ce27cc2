import pino from 'pino';
import type { RoleResolver } from '../../src/access/role-resolver';
import { approvalViewers, MAX_REFRESH_USERS, postedButtons } from '../../src/app/containment/approval-viewers';
import type { ContainmentApp } from '../../src/app/deps';
import type { RosterMember } from '../../src/app/roster';
import { ALL_BUTTONS, NO_BUTTONS } from '../../src/cards/approval-card';

/* Whom an approval card's refresh.userIds name: the approvers in the conversation and the requester. */
const TENANT = '8f6e7c3a-0d1b-4c2e-9a57-3b1f2e4d5c6a';
const id = (n: number) => `3a8f1c52-6b0e-4d7a-9c21-5e4b7f0a${String(n).padStart(4, '0')}`;
const member = (n: number, name = `User ${n}`): RosterMember => ({ id: `29:user-${n}`, aadObjectId: id(n), name });
const ALEX = member(1, 'Alex Wilber');
const MEGAN = member(2, 'Megan Bowen');
const LEE = member(3, 'Lee Gu');
const where = { conversationId: '19:soc@thread.tacv2;messageid=1', serviceUrl: 'https://smba.trafficmanager.net/emea/', tenantId: TENANT };
const requester = { mri: ALEX.id, aadObjectId: ALEX.aadObjectId ?? '' };
const silent = pino({ level: 'silent' });

function setup(members: RosterMember[] | undefined | (() => Promise<RosterMember[] | undefined>), approvers: string[] | null = [id(2)], extra: Partial<ContainmentApp> = {}) {
  const seen: { limit?: number; conversationId?: string } = {};
  const app = {
    fourEyes: true,
    roster: {
      members: async (ref: { conversationId: string }, limit: number) => {
        Object.assign(seen, { limit, conversationId: ref.conversationId });
        return typeof members === 'function' ? members() : members;
      },
    },
    ...extra,
  } as unknown as ContainmentApp;
  const roles: RoleResolver = { rolesOf: async () => new Set(), ...(approvers ? { approvers: async () => new Set(approvers) } : {}) };
  return { app, roles, seen };
}

describe('approval card viewers', () => {
  it('when the conversation has an approver, a reader and the requester, then userIds are the requester and the approver, and only the approver can decide', async () => {
    const s = setup([ALEX, MEGAN, LEE]);
    expect(await approvalViewers(s.app, s.roles, where, requester, silent)).toEqual({ userIds: [ALEX.id, MEGAN.id], approverNames: ['Megan Bowen'] });
    expect(s.seen.conversationId).toBe(where.conversationId);
  });

  it('when the requester is an approver too, then under four-eyes they are listed once (for Cancel) but not as someone who can decide', async () => {
    const s = setup([ALEX, MEGAN], [id(1), id(2)]);
    expect(await approvalViewers(s.app, s.roles, where, requester, silent)).toEqual({ userIds: [ALEX.id, MEGAN.id], approverNames: ['Megan Bowen'] });
    const without = setup([ALEX, MEGAN], [id(1), id(2)], { fourEyes: false });
    expect((await approvalViewers(without.app, without.roles, where, requester, silent))?.approverNames).toEqual(['Alex Wilber', 'Megan Bowen']);
  });

  it('when no approver is in the conversation (a personal chat), then only the requester is listed and nobody can decide here', async () => {
    const s = setup([ALEX]);
    expect(await approvalViewers(s.app, s.roles, where, requester, silent)).toEqual({ userIds: [ALEX.id], approverNames: [] });
  });

  it('when an approver object id differs in case, then it still matches', async () => {
    const s = setup([{ ...MEGAN, aadObjectId: MEGAN.aadObjectId?.toUpperCase() }]);
    expect((await approvalViewers(s.app, s.roles, where, undefined, silent))?.userIds).toEqual([MEGAN.id]);
  });

  it(`when more than ${MAX_REFRESH_USERS} would be listed, then there are no userIds (Teams refreshes at most ${MAX_REFRESH_USERS})`, async () => {
    const many = Array.from({ length: MAX_REFRESH_USERS }, (_, i) => member(10 + i));
    const s = setup([ALEX, ...many], many.map((m) => m.aadObjectId ?? ''));
    expect(await approvalViewers(s.app, s.roles, where, requester, silent)).toBeUndefined();
    const fits = setup([ALEX, ...many.slice(1)], many.map((m) => m.aadObjectId ?? ''));
    expect((await approvalViewers(fits.app, fits.roles, where, requester, silent))?.userIds).toHaveLength(MAX_REFRESH_USERS);
  });

  it.each([
    ['the conversation is too large to list', () => setup(undefined)],
    ['the role source cannot list approvers', () => setup([ALEX, MEGAN], null)],
    ['the roster call fails', () => setup(async () => Promise.reject(new Error('403 from the connector')))],
    ['there is no roster', () => ({ ...setup([ALEX]), app: { fourEyes: true } as ContainmentApp })],
  ])('when %s, then viewers are unknown (the card keeps its buttons)', async (_what, make) => {
    const s = make();
    expect(await approvalViewers(s.app, s.roles, where, requester, silent)).toBeUndefined();
    expect(postedButtons({ ...s.app, perUserViews: true }, undefined)).toEqual(ALL_BUTTONS);
  });

  it('when listing takes longer than allowed, then viewers are unknown and the late failure is not unhandled', async () => {
    const s = setup(() => new Promise((_, reject) => setTimeout(() => reject(new Error('late')), 50)));
    expect(await approvalViewers(s.app, s.roles, where, requester, silent, 10)).toBeUndefined();
    await new Promise((r) => setTimeout(r, 80));
  });

  it('when there is no serviceUrl to reach the conversation, then the roster is not asked', async () => {
    const s = setup([ALEX]);
    expect(await approvalViewers(s.app, s.roles, { ...where, serviceUrl: undefined }, requester, silent)).toBeUndefined();
    expect(s.seen.conversationId).toBeUndefined();
  });

  it('when viewers are known, then the posted card has no buttons where Teams gives per-user views, and elsewhere Approve/Deny only if an approver is here', () => {
    const here = { userIds: [ALEX.id, MEGAN.id], approverNames: ['Megan Bowen'] };
    const nobody = { userIds: [ALEX.id], approverNames: [] };
    expect(postedButtons({ perUserViews: true } as ContainmentApp, here)).toEqual(NO_BUTTONS);
    expect(postedButtons({ perUserViews: true } as ContainmentApp, nobody)).toEqual(NO_BUTTONS);
    expect(postedButtons({ perUserViews: false } as ContainmentApp, here)).toEqual(ALL_BUTTONS);
    expect(postedButtons({ perUserViews: false } as ContainmentApp, nobody)).toEqual({ approve: false, deny: false, cancel: true });
  });
});
