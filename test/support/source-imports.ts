import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** One module a source file names: `from '…'`, `import '…'`, `import('…')` or `require('…')`. */
export interface SourceImport {
  /** The importing file, relative to the source root, with forward slashes. */
  file: string;
  specifier: string;
}

const IMPORT = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)['"]([^'"]+)['"]/g;

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return tsFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Every import of every .ts file under `root`. Comments are not parsed apart: a quoted `from '…'` in one counts. */
export function sourceImports(root: string): SourceImport[] {
  return tsFiles(root).flatMap((path) => {
    const file = relative(root, path).split('\\').join('/');
    return [...readFileSync(path, 'utf8').matchAll(IMPORT)].map((m) => ({ file, specifier: m[1] ?? '' }));
  });
}
