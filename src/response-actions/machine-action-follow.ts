import type { ContainmentRequest } from '../containment/model';
import type { FollowThrough } from '../containment/action-kind';
import type { MachineActionGateway } from '../mde/containment-ports';

/** MachineAction statuses MDE never leaves. Anything else (Pending, InProgress, new values) is followed. */
export const FINAL_ACTION_STATUSES: ReadonlySet<string> = new Set(['Succeeded', 'Failed', 'TimeOut', 'Cancelled']);

/**
 * Follow-through for any kind whose MDE call starts a MachineAction (isolate, and the device
 * actions after it): GET /api/machineactions/{id} until a final status. `facts` names the target
 * in the journal's status entries.
 */
export function machineActionFollow<R extends ContainmentRequest>(machines: Pick<MachineActionGateway, 'getAction'>, facts: (request: R) => Record<string, unknown>): FollowThrough<R> {
  return {
    async status(mdeId) {
      const action = await machines.getAction(mdeId);
      return action ? action.status : null;
    },
    isFinal: (status) => FINAL_ACTION_STATUSES.has(status),
    statusFacts: facts,
  };
}
