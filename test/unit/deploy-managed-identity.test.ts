import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../src/config';

/* The managed identity path of the deploy guide and the Bicep grant the same roles, and the app gets MDE_AUTH (issue 17). */
const ROOT = join(__dirname, '..', '..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const guide = read('deploy/README.md');
const bicep = read('deploy/azure/main.bicep');

const bicepArray = (param: string): string[] => {
  const m = new RegExp(`^param ${param} array = \\[([^\\]]*)\\]`, 'm').exec(bicep);
  return [...(m?.[1] ?? '').matchAll(/'([^']+)'/g)].map((x) => x[1] ?? '');
};
const guideLoop = (appId: string): string[] => {
  const m = new RegExp(`for r in ([^;]+); do\\s+grant ${appId}`).exec(guide);
  return (m?.[1] ?? '').trim().split(/\s+/);
};

describe('deploy: managed identity for MDE and Graph', () => {
  it('when the Bicep grants app roles, then they are the roles the guide\'s commands grant, each in step 1\'s table', () => {
    const mde = bicepArray('mdeAppRoles');
    const graph = bicepArray('graphAppRoles');
    expect(mde.length).toBeGreaterThan(0);
    expect(guideLoop('fc780465-2017-40d4-a0c5-307022471b92')).toEqual(mde);
    expect(guideLoop('00000003-0000-0000-c000-000000000000')).toEqual(graph);
    const tableRows = guide.split('\n').filter((line) => line.startsWith('| `'));
    for (const role of [...mde, ...graph]) expect(tableRows.some((row) => row.split('|')[1]?.includes(`\`${role}\``))).toBe(true);
  });

  it('when the Bicep sets MDE_AUTH, then every value it allows is one Verdict accepts, managed identity first', () => {
    const allowed = /@allowed\(\[([^\]]*)\]\)\s*\n@description\([^\n]*\)\s*\nparam mdeAuth string = 'managed-identity'/.exec(bicep)?.[1];
    const values = [...(allowed ?? '').matchAll(/'([^']+)'/g)].map((x) => x[1] ?? '');
    expect(values[0]).toBe('managed-identity');
    for (const value of values) {
      const extra = value === 'secret' ? { MDE_CLIENT_SECRET: 's', MDE_CLIENT_ID: 'c' } : value === 'certificate' ? { MDE_CLIENT_CERTIFICATE_PATH: '/p.pem', MDE_CLIENT_ID: 'c' } : {};
      expect(loadConfig({ MDE_MODE: 'live', MDE_TENANT_ID: 't', MDE_AUTH: value, ...extra }).ok).toBe(true);
    }
    expect(bicep).toMatch(/\{ name: 'MDE_AUTH', value: mdeAuth \}/);
    expect(bicep).toMatch(/name: 'MDE_CLIENT_ID', value: useManagedIdentity \? identity\.properties\.clientId : mdeClientId/);
  });
});
