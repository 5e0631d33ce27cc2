import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * p-queue is ESM-only: jest's module system cannot load it, Node (≥ 20.19, require(esm)) can. So
 * the production gate is checked in a real Node process, as the bot runs it.
 */
describe('the p-queue gate in a Node process', () => {
  it('when 12 tasks go through a gate of 3, then all finish, in order of their results, never more than 3 at once', () => {
    const script = `
      const { pQueueGate } = require(${JSON.stringify(join(__dirname, '../../src/devices/bulk/p-queue-gate.ts'))});
      const gate = pQueueGate(3);
      let running = 0, most = 0;
      Promise.all(Array.from({ length: 12 }, (_, i) => gate(async () => {
        running++; most = Math.max(most, running);
        await new Promise((r) => setImmediate(r));
        running--; return i;
      }))).then((r) => process.stdout.write(JSON.stringify({ r, most })));`;
    const out = execFileSync(process.execPath, ['-r', 'tsx/cjs', '-e', script], { cwd: join(__dirname, '../..'), encoding: 'utf8', timeout: 30_000 });
    expect(JSON.parse(out)).toEqual({ r: Array.from({ length: 12 }, (_, i) => i), most: 3 });
  });
});
