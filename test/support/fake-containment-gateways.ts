import type { ExistingIndicator, IndicatorGateway, IndicatorSubmission, MachineActionGateway, MachineActionSummary } from '../../src/mde/containment-ports';
import type { MdeError } from '../../src/mde/errors';

/**
 * In-memory MDE containment ports for conversation tests, until the sandbox serves indicators and
 * machine actions. Submissions are recorded; `failNextSubmit` makes the next POST throw.
 */
export function fakeContainmentGateways(options: { submitDelayMs?: number } = {}) {
  const indicators = new Map<string, ExistingIndicator>();
  const submitted: IndicatorSubmission[] = [];
  const isolations: { machineId: string; comment: string; type: string }[] = [];
  let failNext: MdeError | undefined;
  let nextId = 1;

  const indicatorGateway: IndicatorGateway = {
    async findExisting(value) {
      return indicators.get(value.toLowerCase()) ?? null;
    },
    async activeCount() {
      return indicators.size;
    },
    async submit(input) {
      if (options.submitDelayMs) await new Promise((r) => setTimeout(r, options.submitDelayMs));
      const failure = failNext;
      failNext = undefined;
      if (failure) throw failure;
      submitted.push(input);
      const id = String(nextId++);
      indicators.set(input.indicatorValue, { id, action: input.action, expirationTime: input.expirationTime, createdBy: 'verdict-app', title: input.title });
      return { id };
    },
  };
  const actions: MachineActionSummary[] = [];
  const machineGateway: MachineActionGateway = {
    async pendingIsolation(machineId) {
      return actions.find((a) => a.requestorComment?.includes(machineId) && a.status === 'Pending') ?? null;
    },
    async isolate(machineId, comment, type) {
      isolations.push({ machineId, comment, type });
      const action = { id: `ma-${nextId++}`, type: 'Isolate', status: 'Pending', requestorComment: `${machineId} ${comment}` };
      actions.push(action);
      return { kind: 'created', action };
    },
    async findRecentIsolation() {
      return null;
    },
    async getAction(id) {
      return actions.find((a) => a.id === id) ?? null;
    },
  };
  return {
    gateways: { indicators: indicatorGateway, machines: machineGateway },
    submitted,
    isolations,
    /** An existing indicator, as if made in the portal. */
    preexisting(value: string, indicator: ExistingIndicator) {
      indicators.set(value.toLowerCase(), indicator);
    },
    failNextSubmit(error: MdeError) {
      failNext = error;
    },
  };
}
