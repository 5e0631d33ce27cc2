import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_TENANT_ID, DEMO_USERS } from '../../src/sandbox/demo-tenant';

/*
 * `npm start` runs two Agents Playgrounds (there is no user switcher): Alex's and Megan's. Both
 * must mock the same tenant, people, team and channels, or a request asked in one window would not
 * be the same world as the channel it is decided in.
 */
const ROOT = join(__dirname, '../..');
const read = (name: string) => readFileSync(join(ROOT, name), 'utf8');
const requester = read('.m365agentsplayground.yml');
const approver = read('.m365agentsplayground.approver.yml');

/** "id: 29:…" + "aadObjectId: …" pairs, in file order (currentUser first, then users). */
const people = (yml: string) => [...yml.matchAll(/^\s*-?\s*id: (29:\S+)\n(?:.*\n){2}\s*aadObjectId: (\S+)/gm)].map((m) => `${m[1]} ${m[2]}`);
const currentUser = (yml: string) => /^currentUser:\n(?:\s*#.*\n)?\s*id: (\S+)/m.exec(yml)?.[1];
const line = (yml: string, key: string) => [...yml.matchAll(new RegExp(`^\\s*${key}: (.+)$`, 'gm'))].map((m) => m[1] ?? '');

describe('the two Playground configs of npm start', () => {
  it('when compared, then they hold the same six people, with Alex current in one and Megan in the other', () => {
    expect(people(requester)).toHaveLength(6);
    expect([...people(approver)].sort()).toEqual([...people(requester)].sort());
    expect(currentUser(requester)).toBe('29:demo-alex-wilber');
    expect(currentUser(approver)).toBe('29:demo-megan-bowen');
    for (const user of [DEMO_USERS.alex, DEMO_USERS.megan, DEMO_USERS.lee, DEMO_USERS.diego]) expect(requester).toContain(`aadObjectId: ${user.aadObjectId}`);
  });

  it('when compared, then tenant, bot, team and channels are the same, and each person has their own personal chat', () => {
    for (const key of ['tenantId', 'aadGroupId']) expect(line(approver, key)).toEqual(line(requester, key));
    expect(line(requester, 'tenantId')).toEqual([DEMO_TENANT_ID]);
    expect(line(approver, 'id').filter((id) => id.startsWith('28:'))).toEqual(line(requester, 'id').filter((id) => id.startsWith('28:')));
    const threads = (yml: string) => [...yml.matchAll(/(19:[\w-]+@thread\.(?:tacv2|v2))/g)].map((m) => m[1]);
    expect(threads(approver)).toEqual(threads(requester));
    const personal = (yml: string) => /^personalChat:\n\s*id: (\S+)/m.exec(yml)?.[1];
    expect(personal(approver)).not.toBe(personal(requester));
  });
});
