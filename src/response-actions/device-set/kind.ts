import { z } from 'zod';
import type { ActionKind } from '../../containment/action-kind';
import { bulkActionSchema } from '../../devices/bulk/bulk-action';
import type { BulkRuns } from '../../devices/bulk/bulk-runs';
import { isFinalRunStatus, runStatus } from '../../devices/bulk/progress';
import { runComment } from '../../devices/bulk/send-device';
import { deviceConflict } from '../device-conflicts';
import type { DeviceActionSpec } from './actions';
import { deviceSetRequestSchema, deviceSetTargetSchema, type DeviceSetRequest } from './request';

/**
 * A device response action over a device set, as one request: executing it starts a bulk run
 * (src/devices/bulk: paced, conflict-locked, resumable, every machine action followed), whose id
 * is the request's; following it reads the run's progress until it completes. The run, not the
 * request, holds each device's outcome.
 */
export function deviceSetKind(spec: DeviceActionSpec, options: { runs: BulkRuns }): ActionKind<DeviceSetRequest> {
  const { runs } = options;
  const input = z.object({
    target: deviceSetTargetSchema,
    parameters: z.object({ action: bulkActionSchema.refine((a) => a.kind === spec.action, `must be a ${spec.action} action`) }),
  });
  return {
    kind: spec.kind,
    stored: deviceSetRequestSchema(spec.kind) as z.ZodType<DeviceSetRequest>,
    input: input as z.ZodType<Pick<DeviceSetRequest, 'target' | 'parameters'>>,
    policy: spec.policy,
    // Opposing requests (isolate vs release, restrict vs unrestrict) on any of the devices are refused
    // up front; "already in progress" is per device, decided by the run (and by MDE).
    conflict: (given, others) => deviceConflict({ action: given.parameters.action, target: given.target }, others),
    precheck: async () => ({ ok: true }),
    callSummary: (r) => ({ operation: spec.operation, devices: r.target.devices.length, action: r.parameters.action, runId: r.id }),
    async execute(r) {
      const reason = `Verdict ${r.id}: ${r.reason} (requested by ${r.requester.name || r.requester.aadObjectId})`;
      const run = await runs.begin({
        id: r.id,
        action: r.parameters.action,
        comment: runComment(r.id, reason),
        requestedBy: r.requester.name || r.requester.aadObjectId,
        approvedBy: r.decision?.by.name,
        devices: r.target.devices,
      });
      return { type: 'succeed', mdeId: r.id, status: runStatus(run) };
    },
    /** The run exists once `execute` stored it; recovery then resumes it (BulkRuns.resumeOpen), never a second run. */
    async evidence(r) {
      const run = await runs.get(r.id);
      return run ? { found: true, mdeId: r.id, mdeStatus: runStatus(run) } : { found: false, detail: 'no bulk run was stored for this request' };
    },
    follow: {
      async status(mdeId) {
        const run = await runs.get(mdeId);
        return run ? runStatus(run) : null;
      },
      isFinal: isFinalRunStatus,
      statusFacts: (r) => ({ devices: r.target.devices.length, runId: r.id }),
    },
  };
}
