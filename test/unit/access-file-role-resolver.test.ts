import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFileRoleResolver, RolesFileError } from '../../src/access/file-role-resolver';
import { DEMO_ROLES_FILE, DEMO_USERS } from '../../src/sandbox/demo-tenant';

const roles = async (r: { rolesOf: (u: { aadObjectId?: string }) => Promise<ReadonlySet<string>> }, id: string) => [...(await r.rolesOf({ aadObjectId: id }))].sort();

describe('file role resolver', () => {
  let dir: string;
  let path: string;
  let t: number;
  const now = () => t;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'verdict-roles-'));
    path = join(dir, 'roles.json');
    t = 0;
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('when the file holds the demo grants, then lookups answer from it', async () => {
    await writeFile(path, JSON.stringify(DEMO_ROLES_FILE));
    const r = await createFileRoleResolver({ path, now });
    expect(await roles(r, DEMO_USERS.megan.aadObjectId)).toEqual(['approver', 'reader']);
    expect(await roles(r, DEMO_USERS.diego.aadObjectId)).toEqual([]);
  });

  it('when the file is missing or not JSON, then creation fails naming the file', async () => {
    await expect(createFileRoleResolver({ path, now })).rejects.toThrow(`Roles file ${path}: cannot be read (ENOENT)`);
    await writeFile(path, '{ "users": ');
    await expect(createFileRoleResolver({ path, now })).rejects.toThrow(new RegExp(`Roles file .*roles\\.json: is not valid JSON`));
  });

  it('when the file is edited, then the change applies after the check interval', async () => {
    await writeFile(path, JSON.stringify({ users: { [DEMO_USERS.lee.aadObjectId]: ['reader'] } }));
    const r = await createFileRoleResolver({ path, now, checkIntervalMs: 5_000 });
    await writeFile(path, JSON.stringify({ users: { [DEMO_USERS.lee.aadObjectId]: ['responder', 'approver'] } }));
    t = 4_999;
    expect(await roles(r, DEMO_USERS.lee.aadObjectId)).toEqual(['reader']);
    t = 5_000;
    expect(await roles(r, DEMO_USERS.lee.aadObjectId)).toEqual(['approver', 'reader', 'responder']);
  });

  it('when an edit breaks the file, then lookups fail closed with RolesFileError until it is fixed', async () => {
    await writeFile(path, JSON.stringify({ users: { [DEMO_USERS.lee.aadObjectId]: ['approver'] } }));
    const r = await createFileRoleResolver({ path, now, checkIntervalMs: 1 });
    await writeFile(path, JSON.stringify({ users: { [DEMO_USERS.lee.aadObjectId]: ['root'] } }));
    t = 10;
    await expect(r.rolesOf({ aadObjectId: DEMO_USERS.lee.aadObjectId })).rejects.toThrow(RolesFileError);
    await writeFile(path, JSON.stringify({ users: { [DEMO_USERS.lee.aadObjectId]: ['reader'] } }));
    t = 20;
    expect(await roles(r, DEMO_USERS.lee.aadObjectId)).toEqual(['reader']);
  });
});
