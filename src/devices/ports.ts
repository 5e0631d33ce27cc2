/**
 * What device response needs from Defender, as interfaces (src/mde's MdeDeviceApi fits them
 * structurally; unit tests use fakes). Every method throws MdeError on an MDE failure.
 */

/** The Machine fields a device set shows. */
export interface DeviceMachine {
  id: string;
  computerDnsName?: string | null;
  osPlatform?: string | null;
  healthStatus?: string | null;
  exposureLevel?: string | null;
}

/** The MachineAction fields device response reads. */
export interface DeviceAction {
  id: string;
  type: string;
  status: string;
  machineId?: string | null;
  creationDateTimeUtc?: string | null;
  requestorComment?: string | null;
}

export interface DeviceLookup {
  /** GET /api/machines/{40-hex id}; null when Defender does not know it. */
  getMachine(machineId: string): Promise<DeviceMachine | null>;
  /** GET /api/machines/{computer name}; null when Defender does not know it. */
  getMachineByName(name: string): Promise<DeviceMachine | null>;
  /** GET /api/machineactions?$filter=type eq '…' (all pages). */
  listActions(query: { type: 'Isolate' | 'Unisolate'; machineId?: string }): Promise<DeviceAction[]>;
}

/** Advanced hunting (Graph runHuntingQuery by default): the rows of one query. */
export type DeviceHunt = (query: string) => Promise<Record<string, unknown>[]>;
