import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/*
 * The bench measures the bot with `npm run serve`'s node flags (bench/serve-flags.ts); the image and
 * App Service must run the same ones, or the memory figures describe a process nobody deploys.
 */
const ROOT = join(__dirname, '..', '..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const flagsOf = (command: string) => command.trim().split(/\s+/).filter((word) => word.startsWith('--'));

describe('node flags of the deployed bot', () => {
  const serve = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts.serve ?? '';

  it('when npm run serve starts the bot, then it is node with flags before dist/src/main.js', () => {
    expect(serve).toMatch(/^node(\s+--\S+)*\s+dist\/src\/main\.js$/);
  });

  it('when the Dockerfile starts the bot, then its CMD runs the same node flags as npm run serve', () => {
    const cmd = /^CMD\s+(\[.*\])\s*$/m.exec(read('deploy/Dockerfile'));
    expect(cmd).not.toBeNull();
    const argv = JSON.parse(cmd?.[1] ?? '[]') as string[];
    expect(argv.join(' ')).toBe(serve);
  });

  it('when the Bicep deploys code on the built-in runtime, then its command line runs the same node flags', () => {
    const line = /appCommandLine: useContainer \? '' : '([^']+)'/.exec(read('deploy/azure/main.bicep'));
    expect(line?.[1]).toBe(serve);
    expect(flagsOf(line?.[1] ?? '')).toEqual(flagsOf(serve));
  });
});
