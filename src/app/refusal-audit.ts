import { describeRoles, type Capability } from '../access/roles';
import { CARD_VERBS } from '../cards/card-verbs';
import { plain, refusalEntry } from '../containment/audit-entries';
import { MACHINE_ID, REQUEST_ID } from '../containment/model';
import { hashTypeOf } from '../triage/hashes';
import type { Access } from './access';
import type { AppDeps } from './deps';
import type { Turn } from './turn';
import { cutTo } from '../util/clip';

/** Why the router refused before any handler ran. */
export type RouterRefusalReason = 'no-role' | 'missing-role' | 'wrong-tenant';

interface Audited {
  /** As the containment service names its own refusals, so the journal speaks one vocabulary. */
  verb: string;
  kind?: 'block-file' | 'isolate-device';
}

/**
 * The clicks whose refusals the router journals: asking for containment and deciding on it.
 * Not containment.view: Teams sends it by itself whenever someone looks at a waiting approval
 * card, so journaling it would flood the journal with people who only looked.
 */
const AUDITED_VERBS: ReadonlyMap<string, Audited> = new Map<string, Audited>([
  [CARD_VERBS.containmentRequestBlock, { verb: 'request', kind: 'block-file' }],
  [CARD_VERBS.containmentRequestIsolation, { verb: 'request', kind: 'isolate-device' }],
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

export const auditedVerb = (verb: string): Audited | undefined => AUDITED_VERBS.get(verb);
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
  const { requestId: clicked, ...target } = clickFacts(turn.action?.data);
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

/** What a refused click pointed at, each only when well-formed: card data is untrusted. */
function clickFacts(data: Record<string, unknown> | undefined): { requestId?: string; sha?: string; machineId?: string } {
  if (!data) return {};
  const text = (key: string) => {
    const v = data[key];
    return typeof v === 'string' && v.length <= 100 ? v.trim() : '';
  };
  const requestId = text('requestId');
  const sha = text('sha').toLowerCase();
  const machineId = text('machineId').toLowerCase();
  return {
    requestId: REQUEST_ID.test(requestId) ? requestId : undefined,
    sha: hashTypeOf(sha) === 'sha256' || hashTypeOf(sha) === 'sha1' ? sha : undefined,
    machineId: MACHINE_ID.test(machineId) ? machineId : undefined,
  };
}

const clipped = (value: string | undefined, max: number): string | undefined => (value === undefined ? undefined : cutTo(value, max));
