import type { DeviceAction, DeviceLookup, DeviceMachine } from '../../src/devices/ports';

/** Fakes of Defender's device lookups for the device source tests (unit tests only). */
export const id = (n: number) => n.toString(16).padStart(40, '0');
export const machine = (n: number): DeviceMachine => ({ id: id(n), computerDnsName: `ws-${n}.corp.example`, osPlatform: 'Windows11', healthStatus: 'Active', exposureLevel: 'Low' });

/** Defender knows ws-1…ws-`count` (by id, short name or FQDN); every call is recorded in order. */
export function fakeLookup(count: number, actions: DeviceAction[] = []) {
  const calls: string[] = [];
  const lookup: DeviceLookup = {
    async getMachine(machineId) {
      calls.push(`id:${machineId}`);
      const n = parseInt(machineId, 16);
      return n >= 1 && n <= count ? machine(n) : null;
    },
    async getMachineByName(name) {
      calls.push(`name:${name}`);
      const n = Number(/^ws-(\d+)(\.corp\.example)?$/.exec(name)?.[1]);
      return n >= 1 && n <= count ? machine(n) : null;
    },
    async listActions(query) {
      calls.push(`actions:${query.type}`);
      return actions.filter((a) => a.type === query.type);
    },
  };
  return { lookup, calls };
}
