/**
 * The telemetry port: what the rest of Verdict calls to trace a turn and count what an on-call
 * engineer watches. Only src/telemetry/otel-*.ts know OpenTelemetry; with telemetry off the
 * no-op below is all that is loaded (no SDK, no exporter). Attribute keys are a closed list
 * (attributes.ts) and the adapter drops anything else, so no message text, token or name can
 * reach an exporter through a careless call.
 */
import type { AttributeKey } from './attributes';

export type TelemetryAttributes = Partial<Record<AttributeKey, string | number | boolean | undefined>>;

/** Spans Verdict opens: a turn, its command or card verb, and each MDE / Graph call under it. */
export type SpanName = 'verdict.activity' | 'verdict.command' | 'verdict.action' | 'mde.request' | 'graph.request';

export type CounterName =
  /** Every HTTP attempt to MDE or Graph, by API family and status (0: no answer). */
  | 'verdict.api.calls'
  /** 429 answers, by API family. */
  | 'verdict.api.throttled'
  /** 429s naming hunting's CPU quota (MDE's or Graph's runHuntingQuery). */
  | 'verdict.hunting.quota_answers';

export type HistogramName =
  /** Seconds from a containment request to its approval or denial. */
  'verdict.approval.time_to_decision';

export type GaugeName =
  /** Callers waiting in the MDE rate limiter, by API family. */
  | 'verdict.mde.limiter.queued'
  /** Audit entries journaled but not yet delivered to the audit channel (journal head − delivered position). */
  | 'verdict.audit.outbox.lag'
  /** Isolations whose MDE machine action Verdict still follows. */
  | 'verdict.containment.follow_backlog';

export interface ActiveSpan {
  set(attributes: TelemetryAttributes): void;
  /** Marks the span failed with a short, fixed kind (e.g. an MdeError kind), never a message. */
  fail(kind: string): void;
}

export type Observation = { value: number; attributes?: TelemetryAttributes };

export interface Telemetry {
  readonly enabled: boolean;
  /** Runs `work` inside a child span of the current one; the span ends when it settles. */
  span<T>(name: SpanName, attributes: TelemetryAttributes, work: (span: ActiveSpan) => Promise<T>): Promise<T>;
  count(name: CounterName, attributes?: TelemetryAttributes): void;
  record(name: HistogramName, value: number, attributes?: TelemetryAttributes): void;
  /** Read at each export (every minute by default), not on every change. */
  observe(name: GaugeName, read: () => Promise<Observation[]> | Observation[]): void;
  /** Exports what is buffered and stops; again is harmless. */
  shutdown(): Promise<void>;
}

const NO_SPAN: ActiveSpan = { set: () => undefined, fail: () => undefined };

/** Telemetry off: every call is a no-op (the cost of a function call). */
export const noTelemetry: Telemetry = {
  enabled: false,
  span: (_name, _attributes, work) => work(NO_SPAN),
  count: () => undefined,
  record: () => undefined,
  observe: () => undefined,
  shutdown: async () => undefined,
};
