import { escapeMarkdown, oneLine, safeText } from '../../src/cards/escape';

describe('escapeMarkdown', () => {
  it.each([
    ['a markdown link', '[x](http://evil)', '\\[x\\](http://evil)'],
    ['an image', '![i](http://evil/p.png)', '!\\[i\\](http://evil/p.png)'],
    ['bold', '**bold**', '\\*\\*bold\\*\\*'],
    ['italic', '_it_', '\\_it\\_'],
    ['code', '`code`', '\\`code\\`'],
    ['strikethrough', '~~gone~~', '\\~\\~gone\\~\\~'],
    ['a table pipe', 'a | b', 'a \\| b'],
    ['HTML and Teams mention markup', '</script><at>Admin</at>', '\\</script\\>\\<at\\>Admin\\</at\\>'],
    ['a backslash before a special', '\\*', '\\\\\\*'],
    ['an HTML entity', '&#91;x&#93;', '\\&#91;x\\&#93;'],
    ['a leading bullet', '- item', '\\- item'],
    ['a leading plus', '+ item', '\\+ item'],
    ['a leading numbered item', '1. item', '1\\. item'],
    ['a leading numbered item with a parenthesis', '12) item', '12\\) item'],
    ['a leading heading', '# Heading', '\\# Heading'],
    ['a leading quote', '> quoted', '\\> quoted'],
    ['an indented bullet', '  - item', '  \\- item'],
    ['a setext underline', '===', '\\==='],
  ])('when the text contains %s, then it is escaped', (_name, input, expected) => {
    expect(escapeMarkdown(input)).toBe(expected);
  });

  it.each([
    ['a dotted file name', 'setup-x64.v2.exe'],
    ['a publisher with parentheses', 'Contoso Ltd (US)'],
    ['a lone ampersand', 'AT&T'],
    ['a version number mid-line', 'version 1. final'],
    ['a hash', '275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f'],
  ])('when the text is %s, then it is left as is', (_name, input) => {
    expect(escapeMarkdown(input)).toBe(input);
  });

  it('when text has several lines, then every line start is neutralised', () => {
    expect(escapeMarkdown('ok\r\n- item\r2. two\u2028# head')).toBe('ok\n\\- item\n2\\. two\n\\# head');
  });
});

describe('oneLine', () => {
  it('when text holds line breaks, tabs and controls, then they become single spaces', () => {
    expect(oneLine(' a\r\n\n\tb\u0000c\u2028d ')).toBe('a b c d');
  });

  it('when text holds bidi overrides, then they are made visible', () => {
    expect(oneLine('invoice\u202Efdp.exe')).toBe('invoice\uFFFDfdp.exe');
  });
});

describe('safeText', () => {
  it.each([null, undefined, ''])('when the value is %p, then it is the empty string', (value) => {
    expect(safeText(value)).toBe('');
  });

  it('when hostile text spans lines, then it comes out on one bounded, escaped line', () => {
    const out = safeText(`x\n\n# Heading\n- [click](http://evil) ${'a'.repeat(1000)}`, 50);
    // Once on one line, `#` and `-` are no longer at a line start, so they stay as they are.
    expect(out).toBe(`x # Heading - \\[click\\](http://evil) ${'a'.repeat(14)}…`);
  });
});
