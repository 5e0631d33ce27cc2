import { createAlertsRoutes } from './alerts-routes';
import type { MdeCatalogue } from './catalogue';
import { createFilesRoutes } from './files-routes';
import { createHuntingRoutes } from './hunting-routes';
import { createIndicatorStore, type IndicatorStore } from './indicator-store';
import { createIndicatorsRoutes } from './indicators-routes';
import { createMachineActionStore, type MachineActionStore, type MachineActionTiming } from './machine-action-store';
import { createMachineActionsRoutes } from './machine-actions-routes';
import { createMachineResponseRoutes } from './machine-response-routes';
import { createMachineTagStore, type MachineTagStore } from './machine-tag-store';
import { createMachineTagsRoutes } from './machine-tags-routes';
import { createMachinesRoutes } from './machines-routes';
import { createPackageUriRoute } from './package-uri-route';
import type { ApiRoute } from './route';
import type { IndicatorEntity } from '../demo-indicators';

/** One sandbox's mutable MDE state (indicators, machine actions, device tags). */
export interface ContainmentState {
  indicators: IndicatorStore;
  machineActions: MachineActionStore;
  machineTags: MachineTagStore;
}

/** Fresh state: the demo indicators plus `seedIndicators` made-up ones, no machine actions yet. */
export function createContainmentState(options: { seedIndicators?: number; extraIndicators?: readonly IndicatorEntity[]; timing?: Partial<MachineActionTiming>; now?: () => number } = {}): ContainmentState {
  const now = options.now ?? Date.now;
  const timing: MachineActionTiming = { pendingMs: 30_000, inProgressMs: 60_000, outcome: 'Succeeded', ...options.timing };
  return { indicators: createIndicatorStore({ seed: options.seedIndicators, extra: options.extraIndicators, now }), machineActions: createMachineActionStore({ timing, now }), machineTags: createMachineTagStore() };
}

/**
 * The MDE route table: one factory per API family, each in its own file. A new family (machines,
 * indicators…) adds its factory here and its limits in rate-limits.ts.
 */
export function createApiRoutes(catalogue: MdeCatalogue, state: ContainmentState = createContainmentState(), options: { huntingRetired?: boolean } = {}): ApiRoute[] {
  return [
    ...createFilesRoutes(catalogue),
    ...createAlertsRoutes(catalogue),
    ...createHuntingRoutes(catalogue, { retired: options.huntingRetired }),
    ...createIndicatorsRoutes(state.indicators),
    ...createMachinesRoutes(catalogue, state.machineTags),
    ...createMachineTagsRoutes(catalogue, state.machineTags),
    ...createMachineActionsRoutes(catalogue, state.machineActions),
    ...createMachineResponseRoutes(catalogue, state.machineActions),
    createPackageUriRoute(state.machineActions),
  ];
}

export const familiesOf = (routes: readonly ApiRoute[]): string[] => [...new Set(routes.map((r) => r.family))];
