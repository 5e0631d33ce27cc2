import type { MdeDeviceApi } from '../../mde/device-api';
import type { DeviceActionInput } from '../../mde/device-actions';
import { isMdeError } from '../../mde/errors';
import type { BulkAction } from './bulk-action';
import type { BulkMde, SendResult } from './ports';

type MachineAction = Exclude<BulkAction, { kind: 'tag' }>;

function inputOf(action: Exclude<MachineAction, { kind: 'isolate' }>, comment: string): DeviceActionInput {
  switch (action.kind) {
    case 'release':
      return { type: 'Unisolate', comment };
    case 'scan':
      return { type: 'RunAntiVirusScan', comment, scanType: action.scanType };
    case 'restrict':
      return { type: 'RestrictCodeExecution', comment };
    case 'unrestrict':
      return { type: 'UnrestrictCodeExecution', comment };
    case 'collect':
      return { type: 'CollectInvestigationPackage', comment };
    case 'quarantine':
      return { type: 'StopAndQuarantineFile', comment, sha1: action.sha1 };
  }
}

/** The bulk runner's MDE port over src/mde's device API (the shared pipeline and limiter). */
export function bulkMdeOver(api: MdeDeviceApi): BulkMde {
  return {
    async send(machineId, action, comment): Promise<SendResult> {
      const result = action.kind === 'isolate' ? await api.isolate(machineId, comment, action.isolationType) : await api.runAction(machineId, inputOf(action, comment));
      if (result.kind === 'created') return { kind: 'created', actionId: result.action.id, status: result.action.status };
      return result.actionId ? { kind: 'already-pending', actionId: result.actionId } : { kind: 'already-pending' };
    },
    async tag(ids, value, tagAction) {
      return (await api.tagMachines(ids, value, tagAction)).map((m) => m.id);
    },
    async actionsSince(type, since) {
      const query = { type: type as never, createdSince: since };
      // The DateTimeOffset syntax MDE accepts is UNCONFIRMED (as for isolation recovery): on 400, ask without it.
      return api.listActions(query).catch((err: unknown) => {
        if (isMdeError(err) && err.kind === 'bad-request' && err.status === 400) return api.listActions({ type: type as never });
        throw err;
      });
    },
  };
}
