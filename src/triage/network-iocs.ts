import { isIPv4, isIPv6 } from 'node:net';
import { domainToASCII } from 'node:url';
import { benignDomain, benignIp } from './known-benign';
import { DEFANGED_DOT, refang, undefang } from './refang';
import { isDomainTld } from './tlds';

/**
 * Finds network IoCs in free text (an advisory): URLs, IPv4/IPv6 addresses and domains, defanged
 * or not, each typed as MDE's indicatorType. Values MDE would not take are refused with a note
 * (CIDR ranges); known-benign ones (private ranges, Microsoft's update service…) are flagged.
 *
 * Linear by construction: every regex is a single character class under one quantifier (or a
 * fixed prefix before one), and each candidate is then checked in plain code, so no input makes
 * the engine backtrack more than once per character.
 */

export type NetworkIndicatorType = 'IpAddress' | 'DomainName' | 'Url';

export interface NetworkIoc {
  type: NetworkIndicatorType;
  /** What MDE gets: a lower-case ASCII domain (IDN as punycode), a canonical IP, or the URL's href. */
  value: string;
  /** As written, when it differs in more than case or defanging (an IDN, a lookalike). */
  written?: string;
  /** Why it is not offered for blocking (private range, Microsoft's update service…). */
  benign?: string;
}

export interface RefusedIoc {
  value: string;
  reason: string;
}

export interface NetworkExtraction {
  /** De-duplicated, in order of first appearance, at most `max`. */
  iocs: NetworkIoc[];
  refused: RefusedIoc[];
  totalFound: number;
  truncated: boolean;
}

export const DEFAULT_MAX_NETWORK_IOCS = 1000;

const URL_RUN = /\b(?:https?|ftp):\/\/[^\s<>"'`]+/gi;
/** Dotted words: letters or digits of any script, hyphens, dots (real or defanged). */
const HOST_RUN = /[\p{L}\p{N}\p{M}.\u2024-]+/gu;
const IPV6_RUN = /[0-9a-f:.%]+/gi;
const TRAILING = /[.,;:!?)\]}'"\u2024]+$/;
const CIDR_AFTER = /^\/\d{1,3}\b/;
const MAX_DOMAIN = 253;
const MAX_URL = 2048;

export function extractNetworkIocs(text: string, options: { max?: number } = {}): NetworkExtraction {
  const max = Math.max(0, options.max ?? DEFAULT_MAX_NETWORK_IOCS);
  const found = new Map<string, NetworkIoc>();
  const refused = new Map<string, RefusedIoc>();
  const add = (ioc: NetworkIoc) => {
    const key = `${ioc.type}\u0000${ioc.value}`;
    if (!found.has(key)) found.set(key, ioc);
  };
  let rest = refang(text);

  // URLs first, then blanked out, so their hosts are not listed again as domains.
  rest = rest.replace(URL_RUN, (raw) => {
    const ioc = urlIoc(raw.replace(TRAILING, ''));
    if (ioc) add(ioc);
    return ' '.repeat(raw.length);
  });
  for (const match of rest.matchAll(HOST_RUN)) {
    const run = match[0].replace(TRAILING, '').replace(/^[.\u2024-]+/, '');
    if (!run.includes('.') && !run.includes(DEFANGED_DOT)) continue;
    const after = rest.slice((match.index ?? 0) + match[0].length, (match.index ?? 0) + match[0].length + 5);
    const ip = undefang(run);
    if (/^\d{1,3}(?:\.\d{1,3}){3}$/.test(ip)) {
      if (!isIPv4(ip)) continue;
      if (CIDR_AFTER.test(after)) refused.set(ip, cidrRefusal(`${ip}${CIDR_AFTER.exec(after)?.[0] ?? ''}`));
      else add({ type: 'IpAddress', value: ip, ...benign(benignIp(ip)) });
      continue;
    }
    const domain = domainIoc(run);
    if (domain) add(domain);
  }
  for (const match of rest.matchAll(IPV6_RUN)) {
    const start = match.index ?? 0;
    // Part of a longer word (`std::string`) is not an address; nor is one without a digit (`a::b`).
    if (/[\p{L}\p{N}_]/u.test(rest[start - 1] ?? '') || /[\p{L}\p{N}_]/u.test(rest[start + match[0].length] ?? '')) continue;
    const run = match[0].replace(/^\.+|\.+$/g, '');
    if ((run.match(/:/g)?.length ?? 0) < 2 || !/[0-9]/.test(run)) continue;
    const ip = run.split('%')[0] ?? '';
    if (!isIPv6(ip)) continue;
    const value = canonicalIpv6(ip);
    const after = rest.slice((match.index ?? 0) + match[0].length, (match.index ?? 0) + match[0].length + 5);
    if (CIDR_AFTER.test(after)) refused.set(value, cidrRefusal(`${value}${CIDR_AFTER.exec(after)?.[0] ?? ''}`));
    else add({ type: 'IpAddress', value, ...benign(benignIp(value)) });
  }

  const all = [...found.values()];
  return { iocs: all.slice(0, max), refused: [...refused.values()], totalFound: all.length, truncated: all.length > max };
}

const benign = (reason: string | undefined): { benign?: string } => (reason ? { benign: reason } : {});

const cidrRefusal = (value: string): RefusedIoc => ({ value, reason: 'a CIDR range: Defender takes single IP addresses only, not ranges' });

/** Lower-case, zeros compressed, as the URL parser writes IPv6 hosts. */
function canonicalIpv6(ip: string): string {
  return new URL(`http://[${ip}]/`).hostname.slice(1, -1);
}

function domainIoc(run: string): NetworkIoc | undefined {
  const marked = run.includes(DEFANGED_DOT);
  const written = undefang(run);
  if (written.length > MAX_DOMAIN) return undefined;
  const ascii = domainToASCII(written);
  if (!isValidDomain(ascii)) return undefined;
  const labels = ascii.split('.');
  // A dotted word whose last label is a number (a version, "3.14") is not a domain.
  if (!isDomainTld(labels[labels.length - 1] ?? '', marked)) return undefined;
  const ioc: NetworkIoc = { type: 'DomainName', value: ascii, ...benign(benignDomain(ascii)) };
  if (ascii !== written.toLowerCase()) ioc.written = written;
  return ioc;
}

function urlIoc(raw: string): NetworkIoc | undefined {
  const written = undefang(raw);
  if (written.length > MAX_URL) return undefined;
  let url: URL;
  try {
    url = new URL(written);
  } catch {
    // Not a URL after all (e.g. `http://` followed by nothing usable): nothing to report.
    return undefined;
  }
  const host = url.hostname;
  const bare = host.startsWith('[') ? host.slice(1, -1) : host;
  let reason: string | undefined;
  if (isIPv4(bare) || isIPv6(bare)) reason = benignIp(bare);
  else if (isValidDomain(host) && isDomainTld(host.split('.').pop() ?? '', true)) reason = benignDomain(host);
  else return undefined;
  const ioc: NetworkIoc = { type: 'Url', value: url.href, ...benign(reason) };
  if (/[^\x20-\x7e]/.test(written)) ioc.written = written;
  return ioc;
}

/** RFC 1035 host name, as domainToASCII left it (lower-case ASCII): 2+ labels of 1–63 [a-z0-9-], no edge hyphens. */
function isValidDomain(ascii: string): boolean {
  if (ascii === '' || ascii.length > MAX_DOMAIN) return false;
  const labels = ascii.split('.');
  return labels.length >= 2 && labels.every((l) => /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(l));
}
