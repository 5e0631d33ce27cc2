import type { MdeMachineEntity } from '../demo-machines';

/** Tags added or removed through the API, over the catalogue's frozen devices (one sandbox's state). */
export interface MachineTagStore {
  /** The device as MDE would answer it now: its tags after every change. */
  view(machine: MdeMachineEntity): MdeMachineEntity;
  apply(machine: MdeMachineEntity, value: string, action: 'Add' | 'Remove'): MdeMachineEntity;
}

export function createMachineTagStore(): MachineTagStore {
  const tags = new Map<string, string[]>();
  const current = (m: MdeMachineEntity) => tags.get(m.id) ?? m.machineTags;
  return {
    view: (machine) => (tags.has(machine.id) ? { ...machine, machineTags: [...current(machine)] } : machine),
    apply(machine, value, action) {
      const before = current(machine);
      // MDE compares tags case-insensitively (the portal will not add "vip" beside "VIP"); UNCONFIRMED for the API.
      const has = before.some((t) => t.toLowerCase() === value.toLowerCase());
      const after = action === 'Add' ? (has ? before : [...before, value]) : before.filter((t) => t.toLowerCase() !== value.toLowerCase());
      tags.set(machine.id, after);
      return { ...machine, machineTags: [...after] };
    },
  };
}
