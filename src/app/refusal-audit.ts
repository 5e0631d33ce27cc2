import { describeRoles, type Capability } from '../access/roles';
import { CARD_VERBS } from '../cards/card-verbs';
import { plain, refusalEntry } from '../containment/audit-entries';
import { REQUEST_ID } from '../containment/model';
import type { Access } from './access';
import type { AppDeps } from './deps';
import type { Turn } from './turn';
import { cutTo } from '../util/clip';

/** Why the router refused before any handler ran. */
export type RouterRefusalReason = 'no-role' | 'missing-role' | 'wrong-tenant';

interface Audited {
  /** As the containment service names its own refusals, so the journal speaks one vocabulary. */
  verb: string;
  /** A response action's form: its kind, and what its click aimed at. */
  kind?: string;
  clickFacts?: (data: Record<string, unknown>) => Record<string, unknown>;
}

/**
 * The clicks whose refusals the router journals: asking for a response action (every kind's form,
 * from the registry) and deciding on it. Not containment.view: Teams sends it by itself whenever
 * someone looks at a waiting approval card, so journaling it would flood the journal with people
 * who only looked.
 */
const AUDITED_VERBS: ReadonlyMap<string, Audited> = new Map<string, Audited>([
  [CARD_VERBS.containmentApprove, { verb: 'approve' }],
  [CARD_VERBS.containmentDeny, { verb: 'deny' }],
  [CARD_VERBS.containmentCancel, { verb: 'cancel' }],
]);

/**
 * The commands whose refusals are journaled: reading the journal is an approver's privilege. Plain
 * lookups refused for want of a role are only logged: they change nothing, they are what a person
 * not yet onboarded does first, and they would bury the containment trail in the audit channel.
 */
const AUDITED_COMMANDS: ReadonlyMap<string, Audited> = new Map([['audit', { verb: '/audit' }]]);

export function auditedVerb(verb: string, deps: Pick<AppDeps, 'containment'>): Audited | undefined {
  const form = deps.containment?.actions.kindOfVerb(verb);
  return form ? { verb: 'request', kind: form.kind, clickFacts: form.clickFacts } : AUDITED_VERBS.get(verb);
}
export const auditedCommand = (name: string): Audited | undefined => AUDITED_COMMANDS.get(name.toLowerCase());

/** No role at all, or not the one this needs. */
export const roleRefusal = (access: Access): RouterRefusalReason => (access.roles.size === 0 ? 'no-role' : 'missing-role');

/**
 * Journals a refusal as `containment.refused` (who, what, why) before the refusal is shown. A
 * journal failure is logged and swallowed: the caller refuses anyway, and refusing is always safe.
 */
export async function journalRouterRefusal(
  turn: Turn,
  deps: Pick<AppDeps, 'audit' | 'containment'>,
  what: Audited,
  reason: RouterRefusalReason,
  why: { access?: Access; needs?: Capability } = {},
): Promise<void> {
  if (!deps.audit) return;
  const data = turn.action?.data;
  const clicked = requestIdOf(data);
  const target = data && what.clickFacts ? what.clickFacts(data) : {};
  // A refusal names a request only when that request exists in the clicker's tenant: a made-up
  // id must not open a thread in the audit channel. What was clicked is kept as a detail.
  const requestId = clicked && (await existingRequest(deps, clicked, turn)) ? clicked : undefined;
  const unknownRequestId = clicked && !requestId ? clicked : undefined;
  // Like the service's own refusals: verb and reason on top, what was aimed at in `detail`.
  const detail = plain({ kind: what.kind, ...target, unknownRequestId, needs: why.needs, roles: why.access ? describeRoles(why.access.roles) : undefined });
  const about = { requestId, tenantId: clipped(turn.tenantId, 128), detail: Object.keys(detail).length > 0 ? detail : undefined };
  const entry = refusalEntry(what.verb, actorOf(turn), reason, about);
  try {
    await deps.audit.append(entry);
  } catch (err) {
    turn.log.warn({ err, verb: what.verb, reason }, 'could not journal a refusal; refusing anyway');
  }
}

/** Whether the request exists in `tenantId`; a lookup failure counts as "not known to exist". */
async function existingRequest(deps: Pick<AppDeps, 'containment'>, requestId: string, turn: Turn): Promise<boolean> {
  if (!deps.containment || !turn.tenantId) return false;
  try {
    return (await deps.containment.service.get(requestId, turn.tenantId)) !== undefined;
  } catch (err) {
    // Refusing is safe either way; the refusal is still journaled, only without the request.
    turn.log.warn({ err }, 'could not look up the request a refused click named');
    return false;
  }
}

/** The clicker as the activity names them, bounded: for another tenant these are a stranger's words. */
function actorOf(turn: Turn): { aadObjectId: string; name: string } {
  return { aadObjectId: clipped(turn.user.aadObjectId, 128) ?? '', name: clipped(turn.user.name, 256) ?? '' };
}

/** The request a refused click named, only when well-formed: card data is untrusted. */
function requestIdOf(data: Record<string, unknown> | undefined): string | undefined {
  const v = data?.requestId;
  const requestId = typeof v === 'string' && v.length <= 100 ? v.trim() : '';
  return REQUEST_ID.test(requestId) ? requestId : undefined;
}

const clipped = (value: string | undefined, max: number): string | undefined => (value === undefined ? undefined : cutTo(value, max));
