/**
 * What the response actions (src/response-actions/) call MDE through: the containment gateways,
 * as interfaces. `createMdeContainmentGateways` (src/mde/containment-gateways.ts) implements them
 * over MDE's REST API; tests use fakes. Every method throws `MdeError` (src/mde/errors.ts) on an
 * MDE failure. A new kind that needs another MDE call adds its method here and there.
 */

/** An indicator already in MDE for a hash (GET /api/indicators?$filter=indicatorValue eq '…'). */
export interface ExistingIndicator {
  id: string;
  action: string;
  /** ISO time, or null for an indicator that never expires. */
  expirationTime: string | null;
  /** UPN or app id (`createdBy`). */
  createdBy: string | null;
  /** MDE's `createdByDisplayName` (e.g. an app's name): what people are shown instead of an app id. */
  createdByName?: string | null;
  indicatorType?: string;
  title?: string | null;
}

/** The body of POST /api/indicators, with MDE's exact (case-sensitive) field names. */
export interface IndicatorSubmission {
  indicatorValue: string;
  indicatorType: 'FileSha256' | 'FileSha1';
  action: 'Block' | 'BlockAndRemediate' | 'Audit' | 'Warn' | 'Allowed';
  title: string;
  description: string;
  expirationTime: string;
  severity: 'Informational' | 'Low' | 'Medium' | 'High';
  generateAlert: boolean;
  /** Sent as a JSON array (the docs' table says comma-separated; their example and ours send an array). */
  rbacGroupNames?: string[];
  recommendedActions?: string;
}

export interface IndicatorGateway {
  /**
   * The indicator on exactly this hash value, or null. With only `Ti.ReadWrite` MDE shows the app
   * its own indicators, so portal-made ones are invisible: grant `Ti.ReadWrite.All`.
   */
  findExisting(value: string): Promise<ExistingIndicator | null>;
  /** Active indicators in the tenant (as visible to the app), for the 15,000 cap. */
  activeCount(): Promise<number>;
  /** POST /api/indicators (200 with the Indicator). Not idempotent-safe to retry: never retried here. */
  submit(input: IndicatorSubmission): Promise<{ id: string }>;
}

/** The parts of MDE's MachineAction entity the domain uses. */
export interface MachineActionSummary {
  id: string;
  /** `Isolate`, `Unisolate`, … */
  type: string;
  /** `Pending`, `InProgress`, `Succeeded`, `Failed`, `TimeOut`, `Cancelled`. */
  status: string;
  creationDateTimeUtc?: string;
  requestorComment?: string | null;
}

export type IsolateOutcome =
  /** 201 with a MachineAction. */
  | { kind: 'created'; action: MachineActionSummary }
  /** 400 `ActiveRequestAlreadyExists` or "already in progress": MDE already has one under way. */
  | { kind: 'already-pending'; actionId?: string };

export interface MachineActionGateway {
  /** A Pending/InProgress Isolate action on the machine (GET /api/machineactions?$filter=…), or null. */
  pendingIsolation(machineId: string): Promise<MachineActionSummary | null>;
  /**
   * The device's isolation now, from one list of its actions (MDE has no isolation field):
   * `pending`, the newest Isolate/Unisolate still under way; else `isolatedBy`, the Succeeded
   * Isolate that holds it isolated (the newest settled one that took effect), or null.
   */
  isolationNow(machineId: string): Promise<{ pending: MachineActionSummary | null; isolatedBy: MachineActionSummary | null }>;
  /** POST /api/machines/{id}/isolate `{ Comment, IsolationType }`. */
  isolate(machineId: string, comment: string, isolationType: 'Full' | 'Selective'): Promise<IsolateOutcome>;
  /** The newest Isolate action on the machine created at or after `since` (ISO), or null. */
  findRecentIsolation(machineId: string, since: string): Promise<MachineActionSummary | null>;
  /** GET /api/machineactions/{id}; null on 404. */
  getAction(id: string): Promise<MachineActionSummary | null>;
}
