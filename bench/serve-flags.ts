import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The node options `npm run serve` gives the bot (package.json: `node <flags> dist/src/main.js`),
 * so scenario 5 measures the process as deployed; the Dockerfile and Bicep run the same flags
 * (test/unit/deploy-node-flags.test.ts).
 */
export function serveNodeFlags(root: string): string[] {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
  const match = /^node((?:\s+--\S+)*)\s+dist\/src\/main\.js$/.exec((pkg.scripts?.serve ?? '').trim());
  if (!match) throw new Error(`npm run serve is not "node [--flags] dist/src/main.js": ${pkg.scripts?.serve ?? '(none)'}`);
  return (match[1] ?? '').split(/\s+/).filter(Boolean);
}
