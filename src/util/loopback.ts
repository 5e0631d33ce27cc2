import { BlockList, isIP } from 'node:net';

/** 127.0.0.0/8 and ::1; BlockList also matches IPv4-mapped IPv6 (::ffff:127.0.0.2) against the IPv4 range. */
const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

/**
 * Whether a host names this machine, by one rule everywhere (the listening HOST, a request's Host
 * header, a connector URL's hostname, a socket's remote address): `localhost`, any address in
 * 127.0.0.0/8, or ::1, IPv6 with or without URL brackets. Names that merely start like one
 * (`127.0.0.1.attacker.example`, `localhost.example`) are not.
 */
export function isLoopbackHost(host: string | undefined): boolean {
  if (!host) return false;
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  if (bare.toLowerCase() === 'localhost') return true;
  const family = isIP(bare);
  if (family === 4) return LOOPBACK.check(bare, 'ipv4');
  if (family === 6) return LOOPBACK.check(bare, 'ipv6');
  return false;
}
