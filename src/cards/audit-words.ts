import type { ActionViews } from './action-view';

/**
 * The journal's codes as people read them in the audit channel. The journal keeps the codes (they
 * are what export, verify and tooling match on); the cards say what they mean. A response
 * action's own codes (its kind, MDE operations, pre-check refusals, notes) are its view's words
 * (src/cards/action-view.ts), gathered here by `auditWordsOf`.
 */

/** The kinds' words, looked up by code. */
export interface AuditWords {
  kinds: ReadonlyMap<string, string>;
  operations: ReadonlyMap<string, string>;
  /** A kind's execution notes, where they differ from the shared ones. */
  notes(kind: string | undefined): ReadonlyMap<string, string> | undefined;
  /** A pre-check refusal in words, by the kind that refused (or any kind that knows the code). */
  refusal(reason: string, detail: Record<string, unknown>): string | undefined;
  /** What a kind's followed MDE action is called ("Isolation"); undefined for none. */
  followed(kind: string | undefined): string | undefined;
  /** A field's label from the kinds' own labels, by dotted path. */
  label(key: string): string | undefined;
}

export function auditWordsOf(views: ActionViews): AuditWords {
  const all = [...views.byKind()];
  const kindOf = (name: string | undefined) => (name === undefined ? undefined : views.byKind().get(name));
  // A Map: keys come from journal data. Where two kinds label one path, the first registered wins.
  const labels = new Map<string, string>();
  for (const [, view] of [...all].reverse()) for (const [key, label] of Object.entries(view.words.labels ?? {})) labels.set(key, label);
  return {
    kinds: new Map(all.map(([name, view]) => [name, view.words.kind])),
    operations: new Map(all.flatMap(([, view]) => Object.entries(view.words.operations))),
    notes: (kind) => {
      const notes = kindOf(kind)?.words.notes;
      return notes ? new Map(Object.entries(notes)) : undefined;
    },
    refusal(reason, detail) {
      const own = kindOf(typeof detail.kind === 'string' ? detail.kind : undefined);
      for (const view of own ? [own] : all.map(([, v]) => v)) {
        const words = view.words.refusal?.(reason, detail);
        if (words !== undefined) return words;
      }
      return undefined;
    },
    followed: (kind) => kindOf(kind)?.words.followedAction,
    label: (key) => labels.get(key),
  };
}

/** No kind's words: codes are shown as they are (a journal read without the registry). */
export const NO_KIND_WORDS: AuditWords = { kinds: new Map(), operations: new Map(), notes: () => undefined, refusal: () => undefined, followed: () => undefined, label: () => undefined };

/** A key's value in words, by the key's path; a value with no words is shown as it is. */
const VERBS = new Map([
  ['request', 'Ask for containment'],
  ['approve', 'Approve'],
  ['deny', 'Deny'],
  ['cancel', 'Cancel'],
  ['/audit', 'Read the audit journal (/audit)'],
]);
const CAPABILITIES = new Map([
  ['lookup', 'the reader role'],
  ['request-containment', 'the responder role'],
  ['decide-containment', 'the approver role'],
  ['view-audit', 'the approver role'],
]);
const NOTES = new Map([
  ['already-pending', 'Defender already had this action under way'],
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
  ['verb', VERBS],
  ['detail.needs', CAPABILITIES],
  ['mde.indicatorType', HASH_TYPES],
  ['detail.requestIdShape', new Map([['invalid', 'not a Verdict request id']])],
  ['approval', new Map([['none', 'none needed (policy)']])],
]);

/** `kind`: the entry's kind, for its own words for a note. */
export function valueInWords(key: string, value: unknown, words: AuditWords = NO_KIND_WORDS, kind?: string): unknown {
  if (typeof value !== 'string') return value;
  if (key === 'kind' || key === 'detail.kind') return words.kinds.get(value) ?? value;
  if (key === 'mde.operation' || key === 'error.operation') return words.operations.get(value) ?? value;
  if (key === 'note') return words.notes(kind)?.get(value) ?? NOTES.get(value) ?? value;
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
export function refusalInWords(data: Record<string, unknown>, words: AuditWords = NO_KIND_WORDS): string {
  const verb = str(data.verb);
  const detail = (data.detail && typeof data.detail === 'object' && !Array.isArray(data.detail) ? data.detail : {}) as Record<string, unknown>;
  const kindWords = words.refusal(str(data.reason), detail);
  if (kindWords !== undefined) return kindWords;
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
    case 'precheck-failed':
      return "Defender's pre-check failed";
    default:
      return str(data.reason) || 'refused';
  }
}
