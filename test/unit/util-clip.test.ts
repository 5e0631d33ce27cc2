import { clip, cutTo } from '../../src/util/clip';

describe('clip', () => {
  it('when text is longer than the limit, then it is cut with an ellipsis', () => {
    expect(clip('abcdef', 4)).toBe('abc…');
  });

  it('when text fits, then it is unchanged', () => {
    expect(clip('abcd', 4)).toBe('abcd');
  });

  it('when cutting, then astral characters are not split', () => {
    expect(clip('😀😀😀', 2)).toBe('😀…');
  });
});

describe('cutTo', () => {
  it('when text is longer than the limit, then exactly the first characters are kept, unmarked', () => {
    expect(cutTo('abcdef', 4)).toBe('abcd');
  });

  it('when text fits, then it is unchanged', () => {
    expect(cutTo('abcd', 4)).toBe('abcd');
  });

  it('when cutting, then astral characters are not split', () => {
    expect(cutTo('😀😀😀', 2)).toBe('😀😀');
  });
});
