import { runDeviceAction, getPackageUri, type DeviceActionInput } from './device-actions';
import { tagMachines, type TagAction } from './device-tags';
import type { HuntingRow, HuntingRunner } from './hunting-transport';
import type { MdeMachine } from './machine';
import type { MdeMachineAction } from './machine-action';
import { getMachineAction, isolateMachine, listAllMachineActions, type IsolateResult, type MachineActionsQuery } from './machine-actions';
import { getMachine, getMachineByName } from './machines';
import type { MdeRequest } from './request';

/**
 * The MDE calls device response needs, over the shared request pipeline (and so the shared
 * limiter): lookups by id and by computer name, every machine action, bulk tags, the machine
 * action list, the investigation package link, and advanced hunting through the hunting runner
 * (Graph's runHuntingQuery by default). Every method throws MdeError on failure, except MDE's
 * "already pending" answer, which is a result.
 */
export interface MdeDeviceApi {
  getMachine(machineId: string): Promise<MdeMachine | null>;
  getMachineByName(name: string): Promise<MdeMachine | null>;
  isolate(machineId: string, comment: string, isolationType: 'Full' | 'Selective'): Promise<IsolateResult>;
  runAction(machineId: string, input: DeviceActionInput): Promise<IsolateResult>;
  tagMachines(machineIds: readonly string[], value: string, action: TagAction, onChunk?: (done: MdeMachine[], ids: string[]) => void): Promise<MdeMachine[]>;
  listActions(query: Omit<MachineActionsQuery, 'top' | 'skip'>): Promise<MdeMachineAction[]>;
  getAction(actionId: string): Promise<MdeMachineAction | null>;
  getPackageUri(actionId: string): Promise<string | null>;
  hunt(query: string, signal?: AbortSignal): Promise<HuntingRow[]>;
}

export function createMdeDeviceApi(request: MdeRequest, hunt: HuntingRunner, options: { now?: () => number } = {}): MdeDeviceApi {
  const now = options.now ?? Date.now;
  return {
    getMachine: (id) => getMachine(request, id),
    getMachineByName: (name) => getMachineByName(request, name),
    isolate: (id, comment, isolationType) => isolateMachine(request, id, { comment, isolationType }, { now }),
    runAction: (id, input) => runDeviceAction(request, id, input, { now }),
    tagMachines: (ids, value, action, onChunk) => tagMachines(request, ids, value, action, { onChunk }),
    listActions: (query) => listAllMachineActions(request, query),
    getAction: (id) => getMachineAction(request, id),
    getPackageUri: (id) => getPackageUri(request, id),
    hunt,
  };
}
