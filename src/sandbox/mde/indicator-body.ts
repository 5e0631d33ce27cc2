import type { IndicatorFields } from './indicator-store';
import { actionRefusal, checkNetworkValue } from './indicator-network-values';

export type BodyCheck = { ok: true; fields: IndicatorFields } | { ok: false; code: string; message: string };

const TYPES = ['FileSha1', 'FileMd5', 'CertificateThumbprint', 'FileSha256', 'IpAddress', 'DomainName', 'Url'];
const ACTIONS = ['Warn', 'Block', 'Audit', 'BlockAndRemediate', 'Allowed'];
/** Accepted by MDE until January 2022 (reference §3a); the sandbox refuses them so clients notice. */
const DEPRECATED_ACTIONS = ['Alert', 'AlertAndBlock'];
const SEVERITIES = ['Informational', 'Low', 'Medium', 'High'];
const HASH_LENGTH: Record<string, number> = { FileSha1: 40, FileSha256: 64, FileMd5: 32, CertificateThumbprint: 40 };
const REQUIRED = ['indicatorValue', 'indicatorType', 'action', 'title', 'description'] as const;

const fail = (code: string, message: string): BodyCheck => ({ ok: false, code, message });

/**
 * Checks one indicator as POST /api/indicators (or one item of /import) receives it. Names are
 * case-sensitive, as MDE's are: `IndicatorValue` does not count as `indicatorValue`, and the error
 * says so. Decisions where MDE's exact answer is not documented (all 400):
 * - missing title/description/value/type/action: MissingRequiredParameter;
 * - a hash of the wrong length or not hex: InvalidHashValue;
 * - `Alert`/`AlertAndBlock` (deprecated since January 2022): InvalidRequestBody naming the replacements;
 * - `Audit` without `generateAlert: true`: InvalidRequestBody;
 * - network values and actions as indicator-network-values.ts decides (InvalidUrl…, no BlockAndRemediate).
 */
export function checkIndicatorBody(body: unknown): BodyCheck {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return fail('InvalidRequestBody', 'The request body must be a JSON object');
  const b = body as Record<string, unknown>;
  for (const name of REQUIRED) {
    const v = b[name];
    if (typeof v === 'string' && v.trim() !== '') continue;
    const miscased = Object.keys(b).find((k) => k !== name && k.toLowerCase() === name.toLowerCase());
    return fail('MissingRequiredParameter', miscased ? `Parameter '${name}' is required (parameter names are case-sensitive; got '${miscased}')` : `Parameter '${name}' is required`);
  }
  const value = (b.indicatorValue as string).trim();
  const type = b.indicatorType as string;
  const action = b.action as string;
  if (!TYPES.includes(type)) return fail('InvalidRequestBody', `indicatorType '${type.slice(0, 40)}' is not one of ${TYPES.join(', ')}`);
  const length = HASH_LENGTH[type];
  if (length !== undefined && !new RegExp(`^[0-9a-fA-F]{${length}}$`).test(value)) return fail('InvalidHashValue', `Invalid hash value '${value.slice(0, 80)}' for ${type}`);
  if (DEPRECATED_ACTIONS.includes(action)) return fail('InvalidRequestBody', `Action '${action}' is no longer supported (supported until January 2022); use Block, BlockAndRemediate, or Audit with generateAlert`);
  if (!ACTIONS.includes(action)) return fail('InvalidRequestBody', `action '${action.slice(0, 40)}' is not one of ${ACTIONS.join(', ')}`);
  const refused = actionRefusal(type, action);
  if (refused) return fail('InvalidRequestBody', refused);
  const network = checkNetworkValue(type, value);
  if (!network.ok) return fail(network.code, network.message);

  const generateAlert = b.generateAlert === true || (typeof b.generateAlert === 'string' && b.generateAlert.toLowerCase() === 'true');
  if (b.generateAlert !== undefined && typeof b.generateAlert !== 'boolean' && !/^(true|false)$/i.test(String(b.generateAlert))) return fail('InvalidRequestBody', 'generateAlert must be true or false');
  if (action === 'Audit' && !generateAlert) return fail('InvalidRequestBody', "The 'Audit' action requires generateAlert to be true");

  const severity = b.severity ?? 'Informational';
  if (typeof severity !== 'string' || !SEVERITIES.includes(severity)) return fail('InvalidRequestBody', `severity must be one of ${SEVERITIES.join(', ')}`);
  let expirationTime: string | null = null;
  if (b.expirationTime !== undefined && b.expirationTime !== null) {
    if (typeof b.expirationTime !== 'string' || Number.isNaN(Date.parse(b.expirationTime))) return fail('InvalidRequestBody', 'expirationTime must be an ISO 8601 date-time');
    expirationTime = new Date(Date.parse(b.expirationTime)).toISOString();
  }
  let rbacGroupNames: string[] = [];
  if (Array.isArray(b.rbacGroupNames) && b.rbacGroupNames.every((g) => typeof g === 'string')) rbacGroupNames = b.rbacGroupNames as string[];
  else if (typeof b.rbacGroupNames === 'string') rbacGroupNames = b.rbacGroupNames.split(',').map((g) => g.trim()).filter(Boolean);
  else if (b.rbacGroupNames !== undefined && b.rbacGroupNames !== null) return fail('InvalidRequestBody', 'rbacGroupNames must be an array of strings');
  const optional = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);

  return {
    ok: true,
    fields: {
      indicatorValue: length !== undefined ? value.toLowerCase() : network.value,
      indicatorType: type,
      action,
      application: optional(b.application),
      title: (b.title as string).trim(),
      description: (b.description as string).trim(),
      expirationTime,
      severity,
      recommendedActions: optional(b.recommendedActions),
      rbacGroupNames,
      generateAlert,
    },
  };
}
