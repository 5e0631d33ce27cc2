import { z } from 'zod';
import type { ActionKind, ActionOutcome, ActionPolicy, RunContext } from '../../containment/action-kind';
import type { MachineActionGateway } from '../../mde/containment-ports';
import { cutTo } from '../../util/clip';
import { hex, optionalTrimmed } from '../form-rules';
import { deviceConflict } from '../device-conflicts';
import { machineActionFollow } from '../machine-action-follow';
import { ISOLATE_LIMITS, ISOLATION_TYPES, isolateRequestSchema, type IsolateRequest } from './request';

/** MDE's clock and ours may disagree; an action this much older than our start still counts. */
const CLOCK_SKEW_MS = 5 * 60_000;

const isolateInput = z.object({
  target: z.object({ machineId: hex(40, 'machine id'), computerDnsName: optionalTrimmed(ISOLATE_LIMITS.computerDnsName, 'device name') }),
  parameters: z.object({ isolationType: z.enum(ISOLATION_TYPES) }),
});

export const ISOLATE_DEVICE_POLICY: ActionPolicy = { requestRole: 'responder', approval: 'four-eyes' };

/** The isolate `Comment`: carries the request id so the action can be matched to it later. */
export function isolationComment(request: IsolateRequest): string {
  const text = `Verdict ${request.id}: ${request.reason} (requested by ${request.requester.name || request.requester.aadObjectId})`;
  return cutTo(text, ISOLATE_LIMITS.comment);
}

/**
 * Isolate a device (POST /api/machines/{id}/isolate), by a responder, approved by an approver.
 * Refused up front while an isolation or release is under way, or while the device is isolated
 * already; its MachineAction is followed to a final status after MDE accepts it.
 */
export function isolateDeviceKind(options: { machines: MachineActionGateway }): ActionKind<IsolateRequest> {
  const { machines } = options;
  return {
    kind: 'isolate-device',
    stored: isolateRequestSchema,
    input: isolateInput,
    policy: ISOLATE_DEVICE_POLICY,
    // A release of this device waiting or running in Verdict (a device-set request) is refused up front.
    conflict: (input, others) => deviceConflict({ action: { kind: 'isolate', isolationType: input.parameters.isolationType }, target: input.target }, others),
    async precheck(input) {
      const now = await machines.isolationNow(input.target.machineId);
      if (now.pending) return { ok: false, reason: 'already-pending', detail: { existing: now.pending } };
      // Already isolated: asking again would change nothing (to change the type, release it first).
      if (now.isolatedBy) return { ok: false, reason: 'already-isolated', detail: { existing: now.isolatedBy } };
      return { ok: true };
    },
    callSummary: (request) => ({ operation: 'machines.isolate', machineId: request.target.machineId, isolationType: request.parameters.isolationType, comment: isolationComment(request) }),
    async execute(request, context) {
      const { machineId } = request.target;
      const result = await machines.isolate(machineId, isolationComment(request), request.parameters.isolationType);
      if (result.kind === 'created') return { type: 'succeed', mdeId: result.action.id, status: result.action.status };
      return alreadyPending(machines, context, machineId, result.actionId);
    },
    /** Counts only an isolation created since our call started (less clock skew). */
    async evidence(request, context) {
      const since = new Date(context.startedAt - CLOCK_SKEW_MS).toISOString();
      const action = await machines.findRecentIsolation(request.target.machineId, since);
      return action ? { found: true, mdeId: action.id, mdeStatus: action.status } : { found: false, detail: `no isolation action since ${since}` };
    },
    follow: machineActionFollow(machines, (request: IsolateRequest) => ({ machineId: request.target.machineId })),
  };
}

/**
 * MDE says an action is already under way on the device. Only an *Isolate* action is what was
 * asked for; an Unisolate (someone releasing the device) or an action Verdict cannot identify is
 * a failure the approver must see, never a success.
 */
async function alreadyPending(machines: MachineActionGateway, context: RunContext, machineId: string, actionId: string | undefined): Promise<ActionOutcome> {
  let action: { id: string; type: string; status: string } | null = null;
  try {
    action = actionId ? await machines.getAction(actionId) : await machines.pendingIsolation(machineId);
  } catch (err) {
    context.warn('containment.pending-lookup-failed', { machineId, actionId, error: String(err) });
  }
  if (action && action.type.toLowerCase() === 'isolate') return { type: 'succeed', mdeId: action.id, status: action.status, note: 'already-pending' };
  const message = action
    ? `Defender already has a ${action.type} action (${action.id}, ${action.status}) under way on this device, so it was not isolated. Request isolation again when that action has ended.`
    : 'Defender reports an action already in progress on this device but Verdict could not identify it, so the device may not be isolated. Check the device in the Defender portal and request again.';
  return { type: 'fail', error: { kind: 'already-pending', message: cutTo(message, 2000) }, note: 'already-pending' };
}
