import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEPLOY_GUIDE_ROLES_STEP, NO_ROLE_SOURCE_HINT } from '../../src/app/access';

/* Following the deploy guide must give a bot that answers someone (issue 15, items 15 and 16). */
const ROOT = join(__dirname, '..', '..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const guide = read('deploy/README.md');
const bicep = read('deploy/azure/main.bicep');

/** The text of the guide's `## N. …` section. */
function step(n: number): string {
  const start = guide.search(new RegExp(`^## ${n}\\. `, 'm'));
  expect(start).toBeGreaterThanOrEqual(0);
  const next = guide.slice(start + 1).search(/^## /m);
  return next < 0 ? guide.slice(start) : guide.slice(start, start + 1 + next);
}

describe('deploy guide: roles', () => {
  it('when the bot names the guide step for roles, then that step creates the three groups with exact commands', () => {
    const roles = step(DEPLOY_GUIDE_ROLES_STEP);
    expect(roles).toMatch(/^## \d+\. Roles/);
    for (const group of ['readers', 'responders', 'approvers']) expect(roles).toMatch(new RegExp(`az ad group create --display-name "Verdict ${group}"\\s+--mail-nickname verdict-${group}`));
    expect(roles).toMatch(/az ad group member add --group "Verdict approvers"/);
    for (const setting of ['ROLE_GROUPS_READER', 'ROLE_GROUPS_RESPONDER', 'ROLE_GROUPS_APPROVER', 'ROLES_FILE', 'ROLES_DEFAULT']) expect(roles).toContain(setting);
    expect(NO_ROLE_SOURCE_HINT).toContain(`step ${DEPLOY_GUIDE_ROLES_STEP}`);
  });

  it('when the Bicep deploys the app, then every role setting has a parameter that reaches the app settings', () => {
    const settings = { ROLE_GROUPS_READER: 'roleGroupsReader', ROLE_GROUPS_RESPONDER: 'roleGroupsResponder', ROLE_GROUPS_APPROVER: 'roleGroupsApprover', ROLES_FILE: 'rolesFile', ROLES_DEFAULT: 'rolesDefault' };
    for (const [setting, param] of Object.entries(settings)) {
      expect(bicep).toMatch(new RegExp(`^param ${param} string`, 'm'));
      expect(bicep).toMatch(new RegExp(`^\\s+${setting}: ${param}$`, 'm'));
    }
    expect(bicep).toMatch(/@allowed\(\['none', 'reader'\]\)[\s\S]{0,300}param rolesDefault string = 'none'/);
    const example = JSON.parse(read('deploy/azure/main.parameters.example.json')) as { parameters: Record<string, unknown> };
    for (const param of Object.values(settings)) expect(Object.keys(example.parameters)).toContain(param);
  });

  it('when the guide says how to check the bot in Teams, then it first puts the admin in a group', () => {
    expect(step(6)).toMatch(/in one of the Verdict groups \(step 2\)/);
    expect(step(6)).toMatch(/no role source configured/);
  });
});

describe('deploy guide: the audit channel', () => {
  it('when an admin needs the channel id and service URL, then the guide says where each comes from and what capture does', () => {
    const teams = step(4);
    expect(teams).toMatch(/### The audit channel/);
    expect(teams).toMatch(/Get link to\s+channel/);
    expect(teams).toMatch(/URL-decoded/);
    expect(teams).toContain('19:AbC…@thread.tacv2');
    expect(teams).toMatch(/https:\/\/smba\.trafficmanager\.net\/emea\//);
    expect(teams).toMatch(/first time a member of the approvers group[\s\S]*General[\s\S]*channel becomes the audit channel/);
  });
});

describe('deploy guide: several instances', () => {
  it('when the Bicep scales out, then the instance count reaches the plan and INSTANCE_COUNT, blob state is switched on, and the guide explains one vs several', () => {
    expect(bicep).toMatch(/^param instanceCount int = 1$/m);
    expect(bicep).toMatch(/capacity: instanceCount/);
    expect(bicep).toMatch(/^\s+INSTANCE_COUNT: instanceCount > 1 \? string\(instanceCount\) : ''$/m);
    expect(bicep).toMatch(/^\s+STATE_STORE: useBlob \? 'blob' : ''$/m);
    expect(bicep).toMatch(/allowProtectedAppendWrites: true/);
    const scaling = step(3);
    expect(scaling).toMatch(/### One instance or several/);
    expect(scaling).not.toMatch(/Keep the plan at \*\*one instance\*\*/);
    expect(scaling).toMatch(/az storage container immutability-policy show/);
  });
});
