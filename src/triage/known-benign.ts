import { BlockList, isIPv4 } from 'node:net';

/**
 * Values an advisory may contain that must never be offered for blocking, each with the reason
 * shown on the card. They are flagged, not dropped: the analyst sees them and why.
 */

/** MD5, SHA-1 and SHA-256 of empty input: every zero-byte file has them, and reference URLs carry them. */
const EMPTY_CONTENT = new Map<string, string>([
  ['d41d8cd98f00b204e9800998ecf8427e', 'the MD5 of empty content (any zero-byte file)'],
  ['da39a3ee5e6b4b0d3255bfef95601890afd80709', 'the SHA-1 of empty content (any zero-byte file)'],
  ['e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', 'the SHA-256 of empty content (any zero-byte file)'],
]);

export function benignHash(value: string): string | undefined {
  return EMPTY_CONTENT.get(value.toLowerCase());
}

/** [range, prefix length, reason]: RFC 6890's special-purpose registries, the ones seen in pastes. */
const V4: readonly [string, number, string][] = [
  ['0.0.0.0', 8, 'a reserved address ("this network")'],
  ['10.0.0.0', 8, 'a private address (RFC 1918)'],
  ['100.64.0.0', 10, 'a shared carrier-grade NAT address (RFC 6598)'],
  ['127.0.0.0', 8, 'a loopback address'],
  ['169.254.0.0', 16, 'a link-local address'],
  ['172.16.0.0', 12, 'a private address (RFC 1918)'],
  ['192.0.0.0', 24, 'a reserved protocol-assignment address'],
  ['192.0.2.0', 24, 'a documentation address (TEST-NET-1)'],
  ['192.168.0.0', 16, 'a private address (RFC 1918)'],
  ['198.18.0.0', 15, 'a benchmarking address (RFC 2544)'],
  ['198.51.100.0', 24, 'a documentation address (TEST-NET-2)'],
  ['203.0.113.0', 24, 'a documentation address (TEST-NET-3)'],
  ['224.0.0.0', 4, 'a multicast address'],
  ['240.0.0.0', 4, 'a reserved address (including broadcast)'],
];
const V6: readonly [string, number, string][] = [
  ['::', 128, 'the unspecified address'],
  ['::1', 128, 'a loopback address'],
  ['100::', 64, 'a discard-only address'],
  ['2001:db8::', 32, 'a documentation address'],
  ['fc00::', 7, 'a unique-local (private) address'],
  ['fe80::', 10, 'a link-local address'],
  ['ff00::', 8, 'a multicast address'],
];

function listOf(ranges: readonly [string, number, string][], type: 'ipv4' | 'ipv6') {
  return ranges.map(([net, prefix, reason]) => {
    const list = new BlockList();
    list.addSubnet(net, prefix, type);
    return { list, reason };
  });
}
const V4_LISTS = listOf(V4, 'ipv4');
const V6_LISTS = listOf(V6, 'ipv6');

/** Why an IP (already validated) is not a public address, or undefined for a public one. */
export function benignIp(ip: string): string | undefined {
  if (isIPv4(ip)) return V4_LISTS.find(({ list }) => list.check(ip, 'ipv4'))?.reason;
  // An IPv4-mapped IPv6 address (::ffff:10.0.0.1) is judged as the IPv4 address it carries.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)?.[1];
  if (mapped && isIPv4(mapped)) return benignIp(mapped);
  return V6_LISTS.find(({ list }) => list.check(ip, 'ipv6'))?.reason;
}

/**
 * Domains (and their subdomains) a block would hurt or that only appear as references: Microsoft's
 * own and its update service, the sites advisories cite, and names reserved for examples.
 */
const BENIGN_DOMAINS = new Map<string, string>([
  ['windowsupdate.com', "Microsoft's update service"],
  ['update.microsoft.com', "Microsoft's update service"],
  ['windowsupdate.microsoft.com', "Microsoft's update service"],
  ['delivery.mp.microsoft.com', "Microsoft's update delivery service"],
  ['download.microsoft.com', "Microsoft's download service"],
  ['microsoft.com', "Microsoft's own domain"],
  ['windows.com', "Microsoft's own domain"],
  ['virustotal.com', 'a reference site advisories link to'],
  ['mitre.org', 'a reference site advisories link to'],
  ['nist.gov', 'a reference site advisories link to'],
  ['example.com', 'a name reserved for examples (RFC 2606)'],
  ['example.net', 'a name reserved for examples (RFC 2606)'],
  ['example.org', 'a name reserved for examples (RFC 2606)'],
]);
const RESERVED_TLDS = new Set(['example', 'test', 'invalid', 'localhost', 'local']);

/** Why a domain (lower-case ASCII) is not offered for blocking, or undefined. Most specific match first. */
export function benignDomain(domain: string): string | undefined {
  const labels = domain.toLowerCase().split('.');
  if (RESERVED_TLDS.has(labels[labels.length - 1] ?? '')) return 'a reserved top-level domain (RFC 2606/6761)';
  for (let i = 0; i < labels.length - 1; i++) {
    const reason = BENIGN_DOMAINS.get(labels.slice(i).join('.'));
    if (reason) return reason;
  }
  return undefined;
}
