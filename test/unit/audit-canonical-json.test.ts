import { canonicalJson } from '../../src/audit/canonical-json';

describe('canonical JSON', () => {
  it('when keys come in any order, at any depth, then the text is the same', () => {
    const a = canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: 'x' } });
    const b = canonicalJson({ a: { c: 'x', d: [1, { y: 2, z: 1 }] }, b: 1 });
    expect(a).toBe(b);
    expect(a).toBe('{"a":{"c":"x","d":[1,{"y":2,"z":1}]},"b":1}');
  });

  it('when a member is undefined, then it is left out as JSON.stringify does', () => {
    expect(canonicalJson({ a: undefined, b: null })).toBe('{"b":null}');
  });

  it('when strings hold quotes, control characters and non-ASCII, then they are escaped as JSON.stringify does', () => {
    expect(canonicalJson({ s: 'Müller "x"\n\u0001🚀' })).toBe(JSON.stringify({ s: 'Müller "x"\n\u0001🚀' }));
  });

  it.each([
    ['NaN', { n: Number.NaN }, /\$\.n is not a finite number/],
    ['Infinity', [Number.POSITIVE_INFINITY], /\$\[0\] is not a finite number/],
    ['a Date', { at: new Date(0) }, /\$\.at is not a plain object/],
    ['a bigint', { big: BigInt(1) }, /\$\.big is bigint/],
    ['a function', { f: () => 1 }, /\$\.f is function/],
    ['undefined in an array', [undefined], /\$\[0\] is undefined/],
  ])('when a value holds %s, then it is refused, naming where', (_name, value, message) => {
    expect(() => canonicalJson(value)).toThrow(message);
  });
});
