import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/* The image and App Service must run a Node that still gets security fixes (22 LTS or later). */
const ROOT = join(__dirname, '..', '..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const MIN_SUPPORTED = 22;

describe('Node version of the deployment', () => {
  it('when the Dockerfile picks its base image, then every node image is Node 22 or later', () => {
    const dockerfile = read('deploy/Dockerfile');
    const images = [...dockerfile.matchAll(/\bnode:(\d+)[\w.-]*/g)].map((m) => Number(m[1]));
    expect(images.length).toBeGreaterThan(0);
    for (const major of images) expect(major).toBeGreaterThanOrEqual(MIN_SUPPORTED);
    // Every stage builds FROM the one argument, so the default above is what runs.
    expect(dockerfile.match(/^FROM\s+(\S+)/gm)).toEqual(['FROM ${NODE_IMAGE}', 'FROM ${NODE_IMAGE}']);
  });

  it('when the Bicep deploys code on the built-in runtime, then the default and every allowed value is Node 22 or later', () => {
    const bicep = read('deploy/azure/main.bicep');
    const declared = /((?:@allowed\(\[[^\]]*\]\)\s*)?)param nodeVersion string = '(\d+)-lts'/.exec(bicep);
    expect(declared).not.toBeNull();
    expect(Number(declared?.[2])).toBeGreaterThanOrEqual(MIN_SUPPORTED);
    const allowed = [...(declared?.[1] ?? '').matchAll(/'(\d+)-lts'/g)].map((m) => Number(m[1]));
    expect(allowed.length).toBeGreaterThan(0);
    for (const major of allowed) expect(major).toBeGreaterThanOrEqual(MIN_SUPPORTED);
    expect(bicep).toContain("'NODE|${nodeVersion}'");
  });
});
