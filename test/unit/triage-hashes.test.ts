import { createHash } from 'node:crypto';
import { extractHashes, hashTypeOf, type HashType } from '../../src/triage/hashes';

// The EICAR test file's hashes.
const SHA256 = '275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f';
const SHA1 = '3395856ce81f2b7382dee72602f798b642f14140';
const MD5 = '44d88612fea8a8f36de82e1278abb02f';

const values = (text: string) => extractHashes(text).hashes.map((h) => h.value);

describe('extractHashes', () => {
  it.each([
    ['a bare SHA-256', SHA256, [SHA256]],
    ['upper case', SHA256.toUpperCase(), [SHA256]],
    ['markdown bold', `**${SHA1}**`, [SHA1]],
    ['backticks', `\`${SHA1}\``, [SHA1]],
    ['a markdown link whose URL repeats the hash', `[${SHA256}](https://www.virustotal.com/gui/file/${SHA256})`, [SHA256]],
    ['double quotes', `"${MD5}"`, [MD5]],
    ['single quotes', `'${MD5}'`, [MD5]],
    ['square brackets', `[${SHA1}]`, [SHA1]],
    ['parentheses', `(${SHA1})`, [SHA1]],
    ['braces', `{${SHA1}}`, [SHA1]],
    ['sha256=', `sha256=${SHA256}`, [SHA256]],
    ['SHA256:', `SHA256:${SHA256}`, [SHA256]],
    ['trailing comma, full stop, semicolon', `${SHA256}, ${SHA1}. ${MD5};`, [SHA256, SHA1, MD5]],
    ['an underscore as separator', `sha1_${SHA1}_x`, [SHA1]],
    ['HTML code element', `<code>${SHA1}</code>`, [SHA1]],
    ['&nbsp; on both sides', `&nbsp;${SHA1}&nbsp;${MD5}`, [SHA1, MD5]],
    ['an unknown entity, even an Object.prototype key', `&constructor;${SHA1}&bogus;`, [SHA1]],
    ['a defanged URL path segment', `hxxp://host/${SHA256}`, [SHA256]],
    ['a bracket-defanged URL', `hxxps[:]//evil[.]com/files/${SHA1}/get`, [SHA1]],
    ['percent-encoded quotes', `https://x/search?q=%22${SHA1}%22`, [SHA1]],
    ['literal \\n from JSON or logs', `["${SHA1}\\n${MD5}"]`, [SHA1, MD5]],
    ['tabs and newlines', `\t${SHA1}\r\n${MD5}\n`, [SHA1, MD5]],
  ])('when the hash comes wrapped as %s, then it is found', (_name, text, expected) => {
    expect(values(text)).toEqual(expected);
  });

  it.each([
    ['zero-width space', '\u200B'],
    ['zero-width non-joiner', '\u200C'],
    ['zero-width joiner', '\u200D'],
    ['word joiner', '\u2060'],
    ['byte-order mark', '\uFEFF'],
    ['soft hyphen', '\u00AD'],
    ['&#8203; entity', '&#8203;'],
    ['&#x200b; entity', '&#x200b;'],
    ['&shy; entity', '&shy;'],
  ])('when a %s splits the hash, then the whole hash is found', (_name, splitter) => {
    const split = `${SHA256.slice(0, 20)}${splitter}${SHA256.slice(20, 41)}${splitter}${SHA256.slice(41)}`;
    expect(values(`see ${split} now`)).toEqual([SHA256]);
  });

  it.each([
    ['a GUID', '3f2504e0-4f89-11d3-9a0c-0305e82c3301'],
    ['a SHA-1 after a letter g-z', `x${SHA1}`],
    ['a SHA-1 before a letter g-z', `${SHA1}g`],
    ['a SHA-1 glued to more hex', `${SHA1}ab`],
    ['a SHA-512 (128 hex)', SHA256 + SHA256],
    ['63 hex', SHA256.slice(1)],
    ['65 hex', `${SHA256}a`],
    ['40 letters that are not hex', 'g'.repeat(40)],
    ['an empty string', ''],
  ])('when the text holds only %s, then nothing is found', (_name, text) => {
    expect(extractHashes(text)).toEqual({ hashes: [], totalFound: 0, truncated: false });
  });

  it('when a SHA-256 is found, then no SHA-1 or MD5 is also taken from inside it', () => {
    expect(extractHashes(SHA256).hashes).toEqual([{ value: SHA256, type: 'sha256' }]);
  });

  it('when an advisory mixes types, cases and repeats, then each hash appears once, typed, in first-seen order', () => {
    const advisory = [
      'IOCs (defanged):',
      `- ${MD5.toUpperCase()} (dropper)`,
      `- SHA1: ${SHA1}`,
      `- ${SHA256}`,
      `Repeated: ${SHA1.toUpperCase()} and ${MD5}`,
      `C2: hxxp://203.0.113[.]7/${SHA256}`,
    ].join('\n');
    expect(extractHashes(advisory)).toEqual({
      hashes: [
        { value: MD5, type: 'md5' },
        { value: SHA1, type: 'sha1' },
        { value: SHA256, type: 'sha256' },
      ],
      totalFound: 3,
      truncated: false,
    });
  });

  it('when there are more unique hashes than max, then the first max are kept and the total is reported', () => {
    const result = extractHashes(`${SHA256} ${SHA1} ${SHA1} ${MD5}`, { max: 2 });
    expect(result.hashes.map((h) => h.value)).toEqual([SHA256, SHA1]);
    expect(result.totalFound).toBe(3);
    expect(result.truncated).toBe(true);
  });

  it('when no max is given, then the cap is 1000', () => {
    const many = Array.from({ length: 1005 }, (_, i) => createHash('sha256').update(String(i)).digest('hex'));
    const result = extractHashes(many.join('\n'));
    expect(result.hashes).toHaveLength(1000);
    expect(result.hashes[999]?.value).toBe(many[999]);
    expect(result).toMatchObject({ totalFound: 1005, truncated: true });
  });

  it('when max is exactly the number found, then nothing is reported truncated', () => {
    expect(extractHashes(`${SHA1} ${MD5}`, { max: 2 })).toMatchObject({ totalFound: 2, truncated: false });
  });
});

describe('hashTypeOf', () => {
  it.each<[string, HashType | undefined]>([
    [SHA256, 'sha256'],
    [SHA1.toUpperCase(), 'sha1'],
    [MD5, 'md5'],
    [`  ${SHA1}\n`, 'sha1'],
    [`${SHA1}.`, undefined],
    [`sha1:${SHA1}`, undefined],
    [SHA1.slice(1), undefined],
    [`${SHA1.slice(0, 20)}\u200B${SHA1.slice(20)}`, undefined],
    ['z'.repeat(32), undefined],
    ['', undefined],
  ])('when the token is %j, then its type is %s', (token, expected) => {
    expect(hashTypeOf(token)).toBe(expected);
  });
});
