/**
 * In-memory doubles for the containment service's ports, over botbuilder's real MemoryStorage
 * (so eTag conflicts are the SDK's own). Not a test file: shared by test/unit/containment-*.test.ts.
 */
import { MemoryStorage } from 'botbuilder';
import { MdeError, type MdeErrorInit } from '../../src/mde/errors';
import type { Actor, ContainmentAuditEntry, ContainmentRole } from '../../src/containment/ports';
import type { ExistingIndicator, IndicatorSubmission, IsolateOutcome, MachineActionSummary } from '../../src/mde/containment-ports';
import { createContainmentService, type ContainmentServiceOptions } from '../../src/containment/service';
import type { ContainmentPolicy } from '../../src/containment/policy';
import { responseActions } from '../../src/response-actions/registry';
import type { ActionKind } from '../../src/containment/action-kind';

export const T0 = Date.parse('2026-03-02T09:00:00.000Z');
export const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
export const OTHER_TENANT = '0b1e2c3d-0000-4000-8000-000000000001';
export const SHA256 = '275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f';
export const SHA1 = '3395856ce81f2b7382dee72602f798b642f14140';
export const MACHINE = '1e5bc9d7e413ddd7902c2932e418702b84d0cc07';
export const MINUTE = 60_000;

const person = (aadObjectId: string, name: string) => ({ aadObjectId, name });
export const ALICE = person('aaaaaaaa-0000-4000-8000-00000000000a', 'Alice Responder');
export const BOB = person('bbbbbbbb-0000-4000-8000-00000000000b', 'Bob Approver');
export const CAROL = person('cccccccc-0000-4000-8000-00000000000c', 'Carol Approver');
export const DAVE = person('dddddddd-0000-4000-8000-00000000000d', 'Dave Reader');

export const as = (who: { aadObjectId: string; name: string }, ...roles: ContainmentRole[]): Actor => ({ ...who, roles: new Set(roles) });

export function blockInput(over: { target?: object; parameters?: object; reason?: string } = {}) {
  return {
    kind: 'block-file' as const,
    target: { sha256: SHA256, sha1: SHA1, fileName: 'invoice.exe', verdict: 'malicious', ...over.target },
    parameters: {
      action: 'Block',
      generateAlert: true,
      severity: 'High',
      expirationTime: new Date(T0 + 30 * 24 * 60 * MINUTE).toISOString(),
      title: 'Verdict: block invoice.exe',
      description: 'Dropped by the phishing campaign in INC-4211',
      ...over.parameters,
    },
    reason: over.reason ?? 'Malware in INC-4211',
  };
}

export function isolateInput(over: { target?: object; parameters?: object; reason?: string } = {}) {
  return {
    kind: 'isolate-device' as const,
    target: { machineId: MACHINE, computerDnsName: 'ws-0042.contoso.com', ...over.target },
    parameters: { isolationType: 'Full', ...over.parameters },
    reason: over.reason ?? 'Active ransomware on ws-0042',
  };
}

export const mdeError = (init: Partial<MdeErrorInit> & Pick<MdeErrorInit, 'kind'>) => new MdeError({ operation: 'indicators.submit', ...init });

/** A promise with its resolve/reject handles, to hold a call open. */
export function deferred<T = void>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

export function fakeAudit() {
  const entries: ContainmentAuditEntry[] = [];
  const audit = {
    entries,
    /** Makes matching appends reject (the journal is down for them). */
    failWhen: (_entry: ContainmentAuditEntry): boolean => false,
    /** Runs before each append resolves, e.g. to hold it open or to look at the store. */
    before: async (_entry: ContainmentAuditEntry): Promise<void> => undefined,
    types: () => entries.map((e) => e.type),
    async append(entry: ContainmentAuditEntry) {
      await audit.before(entry);
      if (audit.failWhen(entry)) throw new Error('journal unavailable');
      entries.push(structuredClone(entry));
    },
  };
  return audit;
}

export function fakeIndicators() {
  const fake = {
    byValue: new Map<string, ExistingIndicator>(),
    count: 10,
    submits: [] as IndicatorSubmission[],
    finds: [] as string[],
    submitImpl: async (input: IndicatorSubmission): Promise<{ id: string }> => {
      const id = String(9000 + fake.submits.length);
      fake.byValue.set(input.indicatorValue, { id, action: input.action, expirationTime: input.expirationTime, createdBy: 'verdict-app' });
      return { id };
    },
    findImpl: async (value: string): Promise<ExistingIndicator | null> => fake.byValue.get(value) ?? null,
    findExisting: (value: string) => (fake.finds.push(value), fake.findImpl(value)),
    activeCount: async () => fake.count,
    submit: (input: IndicatorSubmission) => (fake.submits.push(structuredClone(input)), fake.submitImpl(input)),
  };
  return fake;
}

export function fakeMachines() {
  const fake = {
    pending: null as MachineActionSummary | null,
    recent: null as MachineActionSummary | null,
    actions: new Map<string, MachineActionSummary>(),
    isolations: [] as { machineId: string; comment: string; isolationType: string }[],
    recentQueries: [] as { machineId: string; since: string }[],
    isolateImpl: async (): Promise<IsolateOutcome> => ({ kind: 'created', action: { id: 'a1b2c3d4-0000-4000-8000-000000000001', type: 'Isolate', status: 'Pending' } }),
    pendingIsolation: async (_machineId: string) => fake.pending,
    /** The Succeeded Isolate that holds the device isolated now (set by a test), or null. */
    isolatedBy: null as MachineActionSummary | null,
    isolationNow: async (machineId: string) => {
      const pending = await fake.pendingIsolation(machineId);
      return { pending, isolatedBy: pending ? null : fake.isolatedBy };
    },
    isolate: (machineId: string, comment: string, isolationType: 'Full' | 'Selective') => (fake.isolations.push({ machineId, comment, isolationType }), fake.isolateImpl()),
    findRecentIsolation: async (machineId: string, since: string) => (fake.recentQueries.push({ machineId, since }), fake.recent),
    getAction: async (id: string) => fake.actions.get(id) ?? null,
  };
  return fake;
}

export function fakeClock(start = T0) {
  let now = start;
  return { now: () => now, advance: (ms: number) => void (now += ms), set: (t: number) => void (now = t) };
}

/** Ids that look like ours (22 base64url characters), in order. */
export function sequentialIds() {
  let n = 0;
  return () => `req${String(++n).padStart(19, '0')}`;
}

export type Harness = ReturnType<typeof setup>;

/** A service over fresh fakes (pass `store` to share state with another instance: a second process); `kinds` are added to the registry's, `actionPolicy` is as config's ACTION_POLICY. */
export function setup(over: { policy?: Partial<ContainmentPolicy>; store?: MemoryStorage; clock?: ReturnType<typeof fakeClock>; kinds?: ActionKind<any>[] } & Partial<Pick<ContainmentServiceOptions, 'ids' | 'actionPolicy'>> = {}) {
  const store = over.store ?? new MemoryStorage();
  const clock = over.clock ?? fakeClock();
  const audit = fakeAudit();
  const indicators = fakeIndicators();
  const machines = fakeMachines();
  const warnings: string[] = [];
  const service = createContainmentService({
    store,
    audit,
    kinds: [...responseActions({ indicators, machines }).map((a) => a.kind), ...(over.kinds ?? [])],
    actionPolicy: over.actionPolicy,
    clock: clock.now,
    ids: over.ids ?? sequentialIds(),
    policy: over.policy,
    warn: (event) => void warnings.push(event),
  });
  return { service, store, clock, audit, indicators, machines, warnings };
}

/** Opens a request as Alice (responder) and returns it; fails the test if it was refused. */
export async function opened(h: Harness, input: object = blockInput()) {
  const result = await h.service.request({ actor: as(ALICE, 'responder'), tenantId: TENANT, conversation: { id: '19:soc@thread.tacv2' }, input });
  if (!result.ok) throw new Error(`request refused: ${JSON.stringify(result)}`);
  return result.request;
}
