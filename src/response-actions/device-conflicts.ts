import { z } from 'zod';
import { safeText } from '../cards/escape';
import type { ConflictRefusal } from '../containment/action-kind';
import type { ContainmentRequest } from '../containment/model';
import { bulkActionSchema, conflictGroup, type BulkAction } from '../devices/bulk/bulk-action';

/**
 * Verdict never has two opposing actions in flight on one device: isolate vs release, restrict vs
 * unrestrict (issue 13). The check runs on every request of a device kind against the requests
 * still open or followed in the shared store, so it holds across processes and instances (the
 * bulk runner's in-process locks stay as a second line). Two requests for the *same* action on a
 * device are not a conflict: MDE answers the second with "already in progress", reported per device.
 */

/** The device action a request makes, by its stored kind: the single-device isolation or a device-set kind. */
const idsOfTarget = z.union([
  z.object({ machineId: z.string() }).transform((t) => [t.machineId]),
  z.object({ devices: z.array(z.object({ id: z.string(), name: z.string().optional() })) }).transform((t) => t.devices.map((d) => d.id)),
]);
const namesOfTarget = z.union([
  z.object({ machineId: z.string(), computerDnsName: z.string().optional() }).transform((t) => new Map([[t.machineId.toLowerCase(), t.computerDnsName || t.machineId]])),
  z.object({ devices: z.array(z.object({ id: z.string(), name: z.string() })) }).transform((t) => new Map(t.devices.map((d) => [d.id.toLowerCase(), d.name || d.id]))),
]);

/** A request's device action: `parameters.action` (device-set kinds) or an isolation (isolate-device). */
export function deviceActionOf(request: Pick<ContainmentRequest, 'kind' | 'parameters'>): BulkAction | null {
  if (request.kind === 'isolate-device') return { kind: 'isolate', isolationType: (request.parameters as { isolationType?: unknown }).isolationType === 'Selective' ? 'Selective' : 'Full' };
  const parsed = bulkActionSchema.safeParse((request.parameters as { action?: unknown } | undefined)?.action);
  return parsed.success ? parsed.data : null;
}

/** The machine ids a request targets (lower case); none when its target is of another shape. */
export function deviceIdsOf(request: Pick<ContainmentRequest, 'target'>): string[] {
  const parsed = idsOfTarget.safeParse(request.target);
  return parsed.success ? parsed.data.map((id) => id.toLowerCase()) : [];
}

/** Opposing: the same conflict group (isolation, restriction), a different action. */
export function opposes(a: BulkAction, b: BulkAction): boolean {
  const group = conflictGroup(a);
  return group !== null && group === conflictGroup(b) && a.kind !== b.kind;
}

const NAMED = 5;

/**
 * The first request in `others` whose action opposes `mine` on a device `mine` targets, as the
 * refusal the requester sees (`conflicting-request`): its id, kind, state, requester and the
 * devices in common (names, at most five, and the count). Null when there is none.
 */
export function deviceConflict(mine: { action: BulkAction; target: unknown }, others: readonly ContainmentRequest[]): ConflictRefusal | null {
  const names = namesOfTarget.safeParse(mine.target);
  if (!names.success) return null;
  for (const other of others) {
    const theirs = deviceActionOf(other);
    if (!theirs || !opposes(mine.action, theirs)) continue;
    const common = deviceIdsOf(other).filter((id) => names.data.has(id));
    if (common.length === 0) continue;
    return {
      reason: 'conflicting-request',
      detail: {
        conflict: {
          requestId: other.id,
          kind: other.kind,
          action: theirs.kind,
          state: other.state,
          requestedBy: other.requester.name,
          devices: common.length,
          named: common.slice(0, NAMED).map((id) => (names.data.get(id) ?? id).slice(0, 120)),
        },
      },
    };
  }
  return null;
}

const conflictDetail = z.object({
  conflict: z.object({
    requestId: z.string().max(64),
    action: z.string().max(32),
    state: z.string().max(32),
    requestedBy: z.string().max(256),
    devices: z.number().int().nonnegative(),
    named: z.array(z.string().max(120)).max(NAMED),
  }),
});

const ACTION_WORDS = new Map<string, string>([
  ['isolate', 'isolation'],
  ['release', 'release from isolation'],
  ['restrict', 'app restriction'],
  ['unrestrict', 'removal of the app restriction'],
]);

const STATE_WORDS = new Map<string, string>([
  ['requested', 'waiting for an approver'],
  ['approved', 'approved'],
  ['executing', 'running'],
  ['succeeded', 'still running in Defender'],
]);

/** The refusal in words: a short `title` (card heading), the whole story (`detail`), and the audit channel's line. */
export interface ConflictWords {
  title: string;
  detail: string;
  audit: string;
}

/**
 * A `conflicting-request` refusal in words, from its journaled detail (plain text: callers escape
 * where they render; see `conflictAuditWords`). Undefined for any other reason.
 */
export function conflictInWords(reason: string, detail: Record<string, unknown>): ConflictWords | undefined {
  if (reason !== 'conflicting-request') return undefined;
  const parsed = conflictDetail.safeParse(detail);
  if (!parsed.success) {
    const words = 'another Verdict request has the opposite action in flight on these devices';
    return { title: words, detail: `${words[0]?.toUpperCase()}${words.slice(1)}.`, audit: words };
  }
  const c = parsed.data.conflict;
  const action = ACTION_WORDS.get(c.action) ?? c.action;
  const state = STATE_WORDS.get(c.state) ?? c.state;
  const who = c.requestedBy || 'someone';
  const devices = c.devices === 1 ? `device ${c.named[0] ?? ''}` : `${c.devices} of these devices (${c.named.join(', ')}${c.devices > c.named.length ? ', …' : ''})`;
  return {
    title: `an ${action} ${c.state === 'requested' ? 'waits for approval' : 'is under way'} on ${c.devices === 1 ? 'this device' : `${c.devices} of these devices`}`.replace(/^an (?=[^aeiou])/, 'a '),
    detail: `Verdict request ${c.requestId} (${action}, asked by ${who}) is ${state} and covers ${devices}. Opposite actions are never in flight together on one device.`,
    audit: `request ${c.requestId} (${action}, asked by ${who}, ${state}) covers ${devices}`,
  };
}

/** The audit channel's words for the refusal (an entry title, which the kinds' words escape themselves). */
export const conflictAuditWords = (reason: string, detail: Record<string, unknown>): string | undefined => {
  const words = conflictInWords(reason, detail);
  return words && safeText(words.audit, 400);
};
