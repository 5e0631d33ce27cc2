import { performance } from 'node:perf_hooks';
import { extractNetworkIocs, type NetworkIoc } from '../../src/triage/network-iocs';
import { extractIocs, isAdvisory } from '../../src/triage/iocs';

const values = (text: string) => extractNetworkIocs(text).iocs.map((i) => `${i.type}:${i.value}`);
const one = (text: string): NetworkIoc | undefined => extractNetworkIocs(text).iocs[0];

describe('network IoC extraction', () => {
  it.each([
    ['a defanged URL (hxxp, [.])', 'get hxxp://evil[.]com/a.exe now', ['Url:http://evil.com/a.exe']],
    ['hxxps with [://]', 'hxxps[://]evil[.]com/x', ['Url:https://evil.com/x']],
    ['[:] in the scheme and a port', 'hxxp[:]//evil[.]com[:]8080/p', ['Url:http://evil.com:8080/p']],
    ['a bracketed IPv4', 'C2 at 45.13.227[.]12 and 185(.)220(.)101(.)4', ['IpAddress:45.13.227.12', 'IpAddress:185.220.101.4']],
    ['a defanged domain with (.)', 'beacons to update-check(.)xyz', ['DomainName:update-check.xyz']],
    ['[dot] and an email with [at]', 'mail from ops[at]phish[dot]top', ['DomainName:phish.top']],
    ['an IPv6 address', 'also 2a03:2880:f12f:83:face:b00c::25de', ['IpAddress:2a03:2880:f12f:83:face:b00c:0:25de']],
    ['an IPv6 URL host', 'http://[2a03:2880::1]/x', ['Url:http://[2a03:2880::1]/x']],
    ['duplicates in other spellings', 'EVIL.com evil[.]com evil.COM', ['DomainName:evil.com']],
    ['trailing punctuation', 'see (evil.com), then "bad.net".', ['DomainName:evil.com', 'DomainName:bad.net']],
    ['a markdown link', '[report](hxxps://evil[.]com/r)', ['Url:https://evil.com/r']],
    ['a URL and its host (the host is not listed again)', 'https://evil.com/a and https://evil.com/b', ['Url:https://evil.com/a', 'Url:https://evil.com/b']],
    ['file names and versions (none)', 'setup.exe report.pdf config.json v4.18.1901.7 3.14 readme.md run.sh', []],
    ['a file-like TLD when defanged', 'drop at run[.]sh', ['DomainName:run.sh']],
    ['times, MACs and C++ (none)', '12:30:45 00:1a:2b:3c:4d:5e std::string a::b', []],
    ['an IP with a port', '45.13.227.12:4444', ['IpAddress:45.13.227.12']],
    ['an out-of-range IPv4 (none)', '300.1.2.3 1.2.3.999', []],
  ])('when the text has %s, then %j', (_what, text, expected) => {
    expect(values(text)).toEqual(expected);
  });

  it('when an IPv4 or IPv6 range is given in CIDR, then it is refused with a note and not listed', () => {
    const got = extractNetworkIocs('block 45.13.227.0/24 and 2a03:2880::/32 and 8.8.8.8');
    expect(got.iocs.map((i) => i.value)).toEqual(['8.8.8.8']);
    expect(got.refused).toEqual([
      { value: '45.13.227.0/24', reason: expect.stringMatching(/CIDR.*single IP/) },
      { value: '2a03:2880::/32', reason: expect.stringMatching(/CIDR/) },
    ]);
  });

  it.each([
    ['10.1.2.3', /private/],
    ['192.168.0.10', /private/],
    ['172.31.255.1', /private/],
    ['127.0.0.1', /loopback/],
    ['169.254.169.254', /link-local/],
    ['224.0.0.251', /multicast/],
    ['100.64.1.1', /carrier-grade/],
    ['::1', /loopback/],
    ['fe80::1', /link-local/],
    ['fd12:3456::1', /unique-local/],
    ['ff02::1', /multicast/],
    ['::ffff:10.0.0.1', /private/],
  ])('when %s is pasted, then it is flagged known-benign (%s), not dropped', (ip, reason) => {
    expect(one(`ip ${ip} here`)).toMatchObject({ type: 'IpAddress', benign: expect.stringMatching(reason) });
  });

  it.each([
    ['download.windowsupdate.com', /update service/],
    ['fe2.update.microsoft.com', /update service/],
    ['tlu.dl.delivery.mp.microsoft.com', /update/],
    ['www.virustotal.com', /reference/],
    ['files.example.com', /examples/],
    ['intranet.local', /reserved/],
  ])('when the domain %s is pasted, then it is flagged known-benign', (domain, reason) => {
    expect(one(domain)?.benign).toMatch(reason);
  });

  it('when a public IP and a lookalike of microsoft.com are pasted, then neither is flagged benign', () => {
    expect(one('8.8.4.4')?.benign).toBeUndefined();
    expect(one('microsoft.com.evil.top')?.benign).toBeUndefined();
    expect(one('notmicrosoft.com')?.benign).toBeUndefined();
  });

  it('when a domain uses a Cyrillic lookalike letter, then it is kept whole, as punycode, with how it was written', () => {
    const got = one('login at micrоsoft.com today');
    expect(got).toEqual({ type: 'DomainName', value: 'xn--micrsoft-qbh.com', written: 'micrоsoft.com' });
  });

  it('when an IDN URL is pasted, then its host is punycode in the value and the original is kept', () => {
    expect(one('hxxps://bücher[.]de/x')).toMatchObject({ type: 'Url', value: 'https://xn--bcher-kva.de/x', written: 'https://bücher.de/x' });
  });

  it('when hostile words are pasted (constructor, __proto__, toString), then they are domains like any other and nothing breaks', () => {
    expect(values('constructor.com __proto__.com toString.net hasOwnProperty')).toEqual(['DomainName:constructor.com', 'DomainName:tostring.net']);
  });

  it('when invisible characters split a domain or fullwidth dots join it, then the real value comes out', () => {
    expect(values('ev\u200Bil.com and bad\u3002net')).toEqual(['DomainName:evil.com', 'DomainName:bad.net']);
  });

  it('when a label is too long or the name has 254+ characters, then it is not a domain', () => {
    expect(values(`${'a'.repeat(64)}.com`)).toEqual([]);
    expect(values(`${'a.'.repeat(127)}com`)).toEqual([]);
  });

  it('when more IoCs than the cap are found, then the first `max` are kept and the total is counted', () => {
    const got = extractNetworkIocs(Array.from({ length: 12 }, (_, i) => `host${i}.evil.com`).join(' '), { max: 10 });
    expect(got.iocs).toHaveLength(10);
    expect(got).toMatchObject({ totalFound: 12, truncated: true });
  });

  it.each([
    ['dots and letters', `${'a.'.repeat(500_000)}`],
    ['one long label', 'a'.repeat(1_000_000)],
    ['colons and hex', `${'a:'.repeat(500_000)}`],
    ['a never-ending URL', `http://${'a'.repeat(1_000_000)}`],
    ['defangs', '[.]'.repeat(333_333)],
    ['digits and dots', '1.'.repeat(500_000)],
  ])('when 1 MB of %s is pasted, then extraction finishes (time measured, not asserted)', (what, text) => {
    const started = performance.now();
    extractIocs(text);
    const ms = performance.now() - started;
    // Printed for the report; ReDoS would take minutes here, linear takes tens of ms.
    process.stdout.write(`extractIocs, 1 MB of ${what}: ${ms.toFixed(0)} ms\n`);
    expect(text.length).toBeGreaterThanOrEqual(999_999);
  });
});

describe('advisory extraction', () => {
  it('when text has hashes and network IoCs, then both come out typed, and it counts as an advisory', () => {
    const iocs = extractIocs(`${'ab'.repeat(32)} and hxxp://evil[.]com/a.exe`);
    expect(iocs.hashes.hashes).toEqual([{ value: 'ab'.repeat(32), type: 'sha256' }]);
    expect(iocs.network.iocs.map((i) => i.type)).toEqual(['Url']);
    expect(isAdvisory(iocs)).toBe(true);
    expect(isAdvisory(extractIocs('ab'.repeat(32)))).toBe(false);
  });

  it('when the empty-content SHA-256 sits in a reference URL, then it is still found as a hash (flagged on the card) and the URL is a reference', () => {
    const iocs = extractIocs('ref: https://www.virustotal.com/gui/file/e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(iocs.hashes.hashes.map((h) => h.value)).toEqual(['e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855']);
    expect(iocs.network.iocs[0]?.benign).toMatch(/reference/);
  });
});
