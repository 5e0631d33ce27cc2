/**
 * The journal's codes as people read them in the audit channel. The journal keeps the codes (they
 * are what export, verify and tooling match on); the cards say what they mean.
 */

/** A key's value in words, by the key's path; a value with no words is shown as it is. */
const KINDS = new Map([
  ['block-file', 'Block a file (indicator)'],
  ['isolate-device', 'Isolate a device'],
]);
const VERBS = new Map([
  ['request', 'Ask for containment'],
  ['approve', 'Approve'],
  ['deny', 'Deny'],
  ['cancel', 'Cancel'],
  ['/audit', 'Read the audit journal (/audit)'],
]);
const OPERATIONS = new Map([
  ['indicators.submit', 'Block file: submit a file indicator'],
  ['machines.isolate', 'Isolate device'],
]);
const CAPABILITIES = new Map([
  ['lookup', 'the reader role'],
  ['request-containment', 'the responder role'],
  ['decide-containment', 'the approver role'],
  ['view-audit', 'the approver role'],
  ['review-indicators', 'the responder or approver role'],
]);
const NOTES = new Map([
  ['already-pending', 'Defender already had an isolation under way'],
  ['reconciled', 'Confirmed in Defender after Verdict restarted mid-call'],
  ['confirmed-after-error', "Defender's answer was an error, but Defender shows it was done"],
  ['outcome-unknown', "Defender's answer was lost and Verdict could not check: look in the Defender portal"],
  ['interrupted', 'Verdict stopped before Defender did anything'],
]);
const HASH_TYPES = new Map([
  ['FileSha256', 'SHA-256'],
  ['FileSha1', 'SHA-1'],
  ['FileMd5', 'MD5'],
]);

const VALUE_WORDS: ReadonlyMap<string, ReadonlyMap<string, string>> = new Map([
  ['kind', KINDS],
  ['detail.kind', KINDS],
  ['verb', VERBS],
  ['mde.operation', OPERATIONS],
  ['error.operation', OPERATIONS],
  ['detail.needs', CAPABILITIES],
  ['note', NOTES],
  ['mde.indicatorType', HASH_TYPES],
  ['detail.requestIdShape', new Map([['invalid', 'not a Verdict request id']])],
]);

export function valueInWords(key: string, value: unknown): unknown {
  if (typeof value !== 'string') return value;
  return VALUE_WORDS.get(key)?.get(value) ?? value;
}

/** A Entra app id (a GUID), as MDE's `createdBy` names an app. */
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Who created an indicator: MDE's display name where it gives one (an app's name, e.g. "Verdict"),
 * else the UPN; a bare app id is labelled as one, never shown as if it were a person.
 */
export function creatorInWords(createdBy: string | null | undefined, displayName?: string | null): string {
  const by = createdBy?.trim() ?? '';
  const name = displayName?.trim() ?? '';
  if (name && by && name.toLowerCase() !== by.toLowerCase()) return GUID.test(by) ? `${name} (app ${by})` : `${name} (${by})`;
  if (name) return name;
  if (GUID.test(by)) return `app ${by}`;
  return by;
}

const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');

/** Why a click or request was refused, in words; `data` is the refusal entry's data. */
export function refusalInWords(data: Record<string, unknown>): string {
  const verb = str(data.verb);
  const detail = (data.detail && typeof data.detail === 'object' && !Array.isArray(data.detail) ? data.detail : {}) as Record<string, unknown>;
  const existing = (detail.existing && typeof detail.existing === 'object' ? detail.existing : {}) as Record<string, unknown>;
  const deciding = verb === 'approve' || verb === 'deny';
  switch (str(data.reason)) {
    case 'not-allowed':
    case 'missing-role':
      if (deciding || verb === '/audit') return 'not an approver';
      if (verb === 'cancel') return 'not the requester with the responder role';
      if (verb === 'request') return 'not a responder';
      return 'lacks the role this needs';
    case 'no-role':
      return 'has no Verdict role';
    case 'wrong-tenant':
      return 'from another organisation (Entra tenant)';
    case 'not-found':
      return 'no such request';
    case 'four-eyes':
      return 'the requester cannot decide their own request (four-eyes rule)';
    case 'already-decided':
      return 'the request was already decided';
    case 'expired':
      return 'the request had expired';
    case 'not-requester':
      return 'only the requester can cancel';
    case 'invalid':
      return 'the request was not valid';
    case 'already-blocked': {
      const action = str(existing.action);
      const id = str(existing.id) ? ` #${str(existing.id)}` : '';
      if (action === 'Block' || action === 'BlockAndRemediate' || action === 'AlertAndBlock') return `already blocked by indicator${id}`;
      return `already covered by indicator${id}${action ? ` (${action})` : ''}`;
    }
    case 'already-pending':
      return `an isolation is already under way in Defender${str(existing.id) ? ` (machine action ${str(existing.id)})` : ''}`;
    case 'quota-exceeded':
      return 'the indicator quota is full';
    case 'precheck-failed':
      return "Defender's pre-check failed";
    default:
      return str(data.reason) || 'refused';
  }
}
