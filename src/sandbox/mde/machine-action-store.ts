import { randomUUID } from 'node:crypto';
import type { MdeMachineEntity } from '../demo-machines';

export type ActionOutcome = 'Succeeded' | 'Failed' | 'TimeOut' | 'Cancelled';

/** MDE's MachineAction entity as the sandbox answers it (reference §4), status as of now. */
export interface MachineActionEntity {
  id: string;
  type: string;
  scope: string | null;
  requestor: string;
  requestSource: string;
  requestorComment: string;
  status: string;
  machineId: string;
  computerDnsName: string;
  creationDateTimeUtc: string;
  lastUpdateDateTimeUtc: string;
  cancellationRequestor: null;
  cancellationComment: null;
  cancellationDateTimeUtc: null;
  errorHResult: number;
  title: string;
  externalID: null;
  relatedFileInfo: { fileIdentifier: string; fileIdentifierType: 'Sha1' } | null;
  commands: [];
  troubleshootInfo: null;
}

export interface MachineActionTiming {
  /** Real ms an action stays Pending, then InProgress, before it ends. */
  pendingMs: number;
  inProgressMs: number;
  outcome: ActionOutcome;
}

interface Stored {
  entity: Omit<MachineActionEntity, 'status' | 'lastUpdateDateTimeUtc'>;
  createdAtMs: number;
  timing: MachineActionTiming;
}

/** The MachineAction types the sandbox creates (reference §4's `type` list, less Offboard and LiveResponse). */
export type SandboxActionType = 'Isolate' | 'Unisolate' | 'RunAntiVirusScan' | 'RestrictCodeExecution' | 'UnrestrictCodeExecution' | 'CollectInvestigationPackage' | 'StopAndQuarantineFile';

export interface NewMachineAction {
  type: SandboxActionType;
  comment: string;
  scope: string | null;
  requestor: string;
  /** StopAndQuarantineFile's file. */
  sha1?: string;
}

/** The portal's titles, roughly; MDE writes its own words here and nobody should parse them. */
const TITLES: Readonly<Record<SandboxActionType, string>> = Object.freeze({
  Isolate: 'Isolate device',
  Unisolate: 'Release from isolation device',
  RunAntiVirusScan: 'Run antivirus scan on device',
  RestrictCodeExecution: 'Restrict app execution on device',
  UnrestrictCodeExecution: 'Remove app restriction on device',
  CollectInvestigationPackage: 'Collect investigation package from device',
  StopAndQuarantineFile: 'Stop and quarantine file on device',
});

export interface MachineActionStore {
  create(machine: MdeMachineEntity, input: NewMachineAction): MachineActionEntity;
  all(): MachineActionEntity[];
  get(id: string): MachineActionEntity | undefined;
  /** The machine's newest action of these types that is still Pending or InProgress. */
  active(machineId: string, types: readonly string[]): MachineActionEntity | undefined;
}

/**
 * One sandbox's machine actions. An action's status is derived from its age at every read:
 * Pending for `pendingMs`, then InProgress for `inProgressMs`, then the configured outcome; so
 * a test or a demo only has to wait (timeScale shortens the defaults).
 */
export function createMachineActionStore(options: { timing: MachineActionTiming; now: () => number }): MachineActionStore {
  const items: Stored[] = [];
  const iso = (ms: number) => new Date(ms).toISOString();

  const view = (s: Stored): MachineActionEntity => {
    const age = options.now() - s.createdAtMs;
    const { pendingMs, inProgressMs, outcome } = s.timing;
    const [status, since] = age < pendingMs ? ['Pending', 0] : age < pendingMs + inProgressMs ? ['InProgress', pendingMs] : [outcome, pendingMs + inProgressMs];
    return { ...s.entity, status, lastUpdateDateTimeUtc: iso(s.createdAtMs + since), errorHResult: status === 'Failed' ? -2147467259 : 0 };
  };

  return {
    create(machine, input) {
      const createdAtMs = options.now();
      const stored: Stored = {
        createdAtMs,
        timing: { ...options.timing },
        entity: {
          id: randomUUID(),
          type: input.type,
          scope: input.scope,
          requestor: input.requestor,
          requestSource: 'PublicApi',
          requestorComment: input.comment,
          machineId: machine.id,
          computerDnsName: machine.computerDnsName,
          creationDateTimeUtc: iso(createdAtMs),
          cancellationRequestor: null,
          cancellationComment: null,
          cancellationDateTimeUtc: null,
          errorHResult: 0,
          title: `${TITLES[input.type]} ${machine.computerDnsName}`,
          externalID: null,
          relatedFileInfo: input.sha1 ? { fileIdentifier: input.sha1, fileIdentifierType: 'Sha1' } : null,
          commands: [],
          troubleshootInfo: null,
        },
      };
      items.push(stored);
      return view(stored);
    },
    all: () => items.map(view),
    get(id) {
      const found = items.find((s) => s.entity.id.toLowerCase() === id.toLowerCase());
      return found ? view(found) : undefined;
    },
    active(machineId, types) {
      return items
        .map(view)
        .filter((a) => a.machineId === machineId && types.includes(a.type) && (a.status === 'Pending' || a.status === 'InProgress'))
        .pop();
    },
  };
}
