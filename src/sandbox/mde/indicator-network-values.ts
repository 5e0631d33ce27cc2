import { isIP } from 'node:net';

/**
 * What MDE accepts as the value of a network indicator, and its rule on actions (reference §3,
 * §6): one IP address (no CIDR range), a host name, or a URL; `BlockAndRemediate` is for files
 * only ("network indicators do not support BlockAndRemediate"). The exact wording MDE answers
 * with is not documented; the codes are the documented InvalidIpAddress / InvalidDomainName /
 * InvalidUrl.
 */

export const NETWORK_TYPES: readonly string[] = ['IpAddress', 'DomainName', 'Url'];

export type ValueCheck = { ok: true; value: string } | { ok: false; code: string; message: string };

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;

export function isHostName(value: string): boolean {
  const labels = value.split('.');
  return value.length <= 253 && labels.length >= 2 && labels.every((l) => LABEL.test(l)) && /^[a-z]|^xn--/i.test(labels[labels.length - 1] ?? '');
}

export function checkNetworkValue(type: string, raw: string): ValueCheck {
  const value = raw.trim();
  const shown = value.slice(0, 80);
  switch (type) {
    case 'IpAddress':
      if (value.includes('/')) return { ok: false, code: 'InvalidIpAddress', message: `Invalid IP address '${shown}': CIDR notation is not supported` };
      return isIP(value) === 0 ? { ok: false, code: 'InvalidIpAddress', message: `Invalid IP address '${shown}'` } : { ok: true, value };
    case 'DomainName':
      return isHostName(value) ? { ok: true, value: value.toLowerCase() } : { ok: false, code: 'InvalidDomainName', message: `Invalid domain name '${shown}'` };
    case 'Url': {
      if (value.length > 2048 || /\s/.test(value)) return { ok: false, code: 'InvalidUrl', message: `Invalid URL '${shown}'` };
      try {
        const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`);
        const host = url.hostname.replace(/^\[|\]$/g, '');
        if (!['http:', 'https:', 'ftp:'].includes(url.protocol) || !(isHostName(host) || isIP(host) !== 0)) throw new Error('not a web URL');
        return { ok: true, value };
      } catch {
        return { ok: false, code: 'InvalidUrl', message: `Invalid URL '${shown}'` };
      }
    }
    default:
      return { ok: true, value };
  }
}

/** Actions a type may carry: the documented rule is that network indicators never take BlockAndRemediate. */
export function actionRefusal(type: string, action: string): string | undefined {
  if (NETWORK_TYPES.includes(type) && action === 'BlockAndRemediate') return `Action 'BlockAndRemediate' is not supported for ${type} indicators (network indicators support Allowed, Audit, Warn and Block)`;
  return undefined;
}
