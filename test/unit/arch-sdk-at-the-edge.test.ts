import { join } from 'node:path';
import { sourceImports } from '../support/source-imports';

/** Where the Bot Framework SDK may be named: the Teams edge, and the store (botbuilder's Storage). */
const SDK_FOLDERS = ['teams/', 'store/'];

const sdkImportsOutsideTheEdge = (root: string): string[] =>
  sourceImports(root)
    .filter((i) => /^botbuilder(?:[-/]|$)/.test(i.specifier) && !SDK_FOLDERS.some((folder) => i.file.startsWith(folder)))
    .map((i) => `${i.file} imports ${i.specifier}`);

describe('the SDK at the edge', () => {
  it('when src is scanned, then only src/teams and src/store import botbuilder', () => {
    expect(sdkImportsOutsideTheEdge(join(__dirname, '../../src'))).toEqual([]);
  });
});
