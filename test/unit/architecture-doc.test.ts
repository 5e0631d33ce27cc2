import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/*
 * docs/architecture.md walks a newcomer through the code by path (issue 11, item 7). A path that
 * no longer exists sends them nowhere, so every repository path it names in code style, and
 * every relative link, must exist: a move that forgets the doc fails here.
 */
const ROOT = resolve(__dirname, '..', '..');
const DOC = join(ROOT, 'docs', 'architecture.md');

/** A repository path in code style: under a top-level folder of the repo, or a dotfile at its root. */
const REPO_PATH = /^(?:(?:src|test|bench|cards|manifest|deploy|docs)(?:\/[\w.\-/]*)?|\.[\w.-]+)$/;

/** The backticked spans of a markdown text that look like repository paths. */
function namedPaths(markdown: string): string[] {
  const spans = [...markdown.matchAll(/`([^`\n]+)`/g)].map((m) => m[1] ?? '');
  return [...new Set(spans.filter((span) => REPO_PATH.test(span)))];
}

describe('docs/architecture.md', () => {
  const text = readFileSync(DOC, 'utf8');

  it('when it names a repository path in code style, then that path exists', () => {
    const named = namedPaths(text);
    // The doc is a walk through the code: far fewer paths would mean the check stopped seeing them.
    expect(named.length).toBeGreaterThan(60);
    const missing = named.filter((path) => !existsSync(join(ROOT, path)));
    expect(missing).toEqual([]);
  });

  it('when it links a relative path, then that file is inside the repository and exists', () => {
    const linked = [...text.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)].map((m) => m[1] ?? '').filter((t) => !/^[a-z]+:/i.test(t));
    expect(linked.length).toBeGreaterThan(0);
    for (const target of linked) {
      const path = resolve(dirname(DOC), target);
      expect({ target, inside: path.startsWith(ROOT + '/'), exists: existsSync(path) }).toEqual({ target, inside: true, exists: true });
    }
  });

  it('when a span names a path that is not there, then the check reports it (the check can fail)', () => {
    const named = namedPaths('see `src/no-such-folder/gone.ts`, `src/main.ts`, `main.ts` and `{graph}/v1.0/x`');
    expect(named).toEqual(['src/no-such-folder/gone.ts', 'src/main.ts']);
    expect(named.filter((path) => !existsSync(join(ROOT, path)))).toEqual(['src/no-such-folder/gone.ts']);
  });
});
