import type { ExistingIndicator, IndicatorGateway, MachineActionGateway, MachineActionSummary } from './containment-ports';
import { isMdeError } from './errors';
import type { HttpMdeClientOptions } from './http-mde-client';
import { countActiveIndicators, isActiveIndicator, listIndicatorsByValue, submitIndicator } from './indicators';
import type { MdeIndicator } from './indicator';
import type { MdeMachineAction } from './machine-action';
import { getMachineAction, isActiveAction, isolateMachine, listAllMachineActions, newestFirst } from './machine-actions';
import { createMdeRateLimiter } from './rate-limiter';
import { createMdeRequest, type MdeRequest } from './request';

/** The containment ports (src/containment/ports.ts) over MDE's REST API. */
export interface MdeContainmentGateways {
  indicators: IndicatorGateway;
  machines: MachineActionGateway;
}

export interface ContainmentGatewayOptions {
  /** For "expired?" decisions and spotting an old action handed back by a 201; default Date.now. */
  now?: () => number;
}

const ISOLATION_TYPES: readonly string[] = ['Isolate', 'Unisolate'];

export function summaryOf(action: MdeMachineAction): MachineActionSummary {
  const summary: MachineActionSummary = { id: action.id, type: action.type, status: action.status, requestorComment: action.requestorComment ?? null };
  if (action.creationDateTimeUtc) summary.creationDateTimeUtc = action.creationDateTimeUtc;
  return summary;
}

function existingOf(indicator: MdeIndicator): ExistingIndicator {
  const existing: ExistingIndicator = { id: indicator.id, action: indicator.action ?? 'Unknown', expirationTime: indicator.expirationTime ?? null, createdBy: indicator.createdBy ?? null, title: indicator.title ?? null };
  if (indicator.indicatorType) existing.indicatorType = indicator.indicatorType;
  if (indicator.createdByDisplayName) existing.createdByName = indicator.createdByDisplayName.slice(0, 256);
  return existing;
}

/** Of several indicators on one value (e.g. different types): an unexpired one first, then the newest. */
function pickIndicator(found: readonly MdeIndicator[], now: number): MdeIndicator | undefined {
  const created = (i: MdeIndicator) => Date.parse(i.creationTimeDateTimeUtc ?? '') || 0;
  return [...found].sort((a, b) => Number(isActiveIndicator(b, now)) - Number(isActiveIndicator(a, now)) || created(b) - created(a))[0];
}

/**
 * The gateways over a request pipeline (`createMdeRequest`). Give it the pipeline (or at least the
 * limiter) the MdeClient uses, so lookups and containment calls share MDE's per-family budget.
 * Every method throws MdeError on failure, except MDE's "already pending" isolate answer, which
 * is the `already-pending` outcome.
 */
export function createMdeContainmentGateways(request: MdeRequest, options: ContainmentGatewayOptions = {}): MdeContainmentGateways {
  const now = options.now ?? Date.now;
  return {
    indicators: {
      async findExisting(value) {
        const found = await listIndicatorsByValue(request, value);
        const picked = pickIndicator(found, now());
        return picked ? existingOf(picked) : null;
      },
      activeCount: () => countActiveIndicators(request, { now }),
      async submit(input) {
        const indicator = await submitIndicator(request, input);
        return { id: indicator.id };
      },
    },
    machines: {
      async pendingIsolation(machineId) {
        // Newest Isolate/Unisolate action that MDE is still working on (either blocks a new isolate).
        const actions = await listAllMachineActions(request, { machineId });
        const active = newestFirst(actions.filter((a) => ISOLATION_TYPES.includes(a.type) && isActiveAction(a)));
        return active[0] ? summaryOf(active[0]) : null;
      },
      async isolationNow(machineId) {
        const newest = newestFirst((await listAllMachineActions(request, { machineId })).filter((a) => ISOLATION_TYPES.includes(a.type)));
        const active = newest.find(isActiveAction);
        if (active) return { pending: summaryOf(active), isolatedBy: null };
        // Failed, timed-out and cancelled actions changed nothing: the newest that succeeded decides.
        const settled = newest.find((a) => a.status === 'Succeeded');
        return { pending: null, isolatedBy: settled?.type === 'Isolate' ? summaryOf(settled) : null };
      },
      async isolate(machineId, comment, isolationType) {
        const result = await isolateMachine(request, machineId, { comment, isolationType }, { now });
        if (result.kind === 'created') return { kind: 'created', action: summaryOf(result.action) };
        return result.actionId ? { kind: 'already-pending', actionId: result.actionId } : { kind: 'already-pending' };
      },
      async findRecentIsolation(machineId, since) {
        const sinceMs = Date.parse(since);
        // The DateTimeOffset literal syntax MDE accepts here is UNCONFIRMED: if it refuses the time
        // filter (400), ask without it; the time is checked below either way.
        const actions = await listAllMachineActions(request, { machineId, type: 'Isolate', createdSince: since }).catch((err: unknown) => {
          if (isMdeError(err) && err.kind === 'bad-request' && err.status === 400) return listAllMachineActions(request, { machineId, type: 'Isolate' });
          throw err;
        });
        // Checked again here: the server-side time filter is a narrowing, not a guarantee.
        const recent = actions.filter((a) => a.type === 'Isolate' && (Number.isNaN(sinceMs) || (Date.parse(a.creationDateTimeUtc ?? '') || 0) >= sinceMs));
        const newest = newestFirst(recent)[0];
        return newest ? summaryOf(newest) : null;
      },
      async getAction(id) {
        const action = await getMachineAction(request, id);
        return action ? summaryOf(action) : null;
      },
    },
  };
}

/**
 * The gateways from the same options as `createHttpMdeClient`. Pass the SAME `limiter` instance
 * the client got (otherwise each paces alone and together they can exceed MDE's limits).
 */
export function createHttpContainmentGateways(opts: HttpMdeClientOptions, options: ContainmentGatewayOptions = {}): MdeContainmentGateways {
  return createMdeContainmentGateways(createMdeRequest({ ...opts, limiter: opts.limiter ?? createMdeRateLimiter() }), options);
}
