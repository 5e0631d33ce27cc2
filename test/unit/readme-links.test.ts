import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/* A reader of a fresh clone can open every file the READMEs point to (issue 15, item 13). */
const ROOT = resolve(__dirname, '..', '..');

describe.each(['README.md', 'deploy/README.md'])('%s', (file) => {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const here = dirname(join(ROOT, file));

  it('when it links a relative path, then that file is inside the repository and exists', () => {
    const linked = [...text.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)].map((m) => m[1] ?? '').filter((t) => !/^[a-z]+:/i.test(t));
    for (const target of linked) {
      const path = resolve(here, target);
      expect({ target, inside: path.startsWith(ROOT + '/'), exists: existsSync(path) }).toEqual({ target, inside: true, exists: true });
    }
  });

  it('when it names a path in code, then the path does not leave the repository (a fresh clone has nothing there)', () => {
    const named = [...text.matchAll(/`(\.\.?\/[^`\s]+)`/g)].map((m) => m[1] ?? '');
    for (const target of named) expect({ target, inside: resolve(here, target).startsWith(ROOT + '/') }).toEqual({ target, inside: true });
  });
});
