import type { ActionKind } from '../containment/action-kind';
import type { OutcomeSink } from '../audit/outcome-batches';
import type { IndicatorGateway, MachineActionGateway } from '../mde/containment-ports';
import type { IndicatorsApi } from '../mde/indicators-api';
import { blockIndicatorsKind } from './block-indicators/kind';
import { blockIndicatorsPresentation } from './block-indicators/presentation';
import type { BulkResultsStore } from './block-indicators/results-store';
import { removeIndicatorsKind } from './remove-indicators/kind';
import { removeIndicatorsPresentation } from './remove-indicators/presentation';
import { extendIndicatorsKind } from './extend-indicators/kind';
import { extendIndicatorsPresentation } from './extend-indicators/presentation';
import type { ActionPresentation } from '../app/containment/action-presentation';
import { blockFileKind } from './block-file/kind';
import { blockFilePresentation } from './block-file/presentation';
import { isolateDeviceKind } from './isolate-device/kind';
import { isolateDevicePresentation } from './isolate-device/presentation';
import type { BulkRuns } from '../devices/bulk/bulk-runs';
import { DEVICE_ACTIONS } from './device-set/actions';
import { deviceSetKind } from './device-set/kind';
import { deviceSetPresentation } from './device-set/presentation';

/** What the kinds call MDE through (src/mde/containment-gateways.ts builds them over the paced pipeline). */
export interface ResponseActionPorts {
  indicators: IndicatorGateway;
  machines: MachineActionGateway;
  /** Indicators in bulk and where each item's result is kept: without them, no bulk kinds. */
  bulk?: { indicators: IndicatorsApi; results: BulkResultsStore; journal?: OutcomeSink };
  /** Bulk device runs (src/devices/bulk); without them the device-set kinds are not offered. */
  deviceRuns?: BulkRuns;
}

/** One response action: its domain kind (for containment) and its presentation (for the app). */
export interface ResponseAction {
  kind: ActionKind<any>;
  presentation: ActionPresentation<any>;
}

/**
 * THE list of response actions Verdict runs. main.ts passes it to containment (the kinds) and to
 * the app (their presentations). Adding a kind: a folder beside these and one line here (see
 * docs/architecture.md, "How to add a response action").
 */
export function responseActions(ports: ResponseActionPorts): ResponseAction[] {
  return [
    { kind: blockFileKind({ indicators: ports.indicators }), presentation: blockFilePresentation },
    { kind: isolateDeviceKind({ machines: ports.machines }), presentation: isolateDevicePresentation },
    ...(ports.bulk ? [{ kind: blockIndicatorsKind(ports.bulk), presentation: blockIndicatorsPresentation(ports.bulk.results) }] : []),
    ...(ports.bulk ? [{ kind: removeIndicatorsKind(ports.bulk), presentation: removeIndicatorsPresentation }] : []),
    ...(ports.bulk ? [{ kind: extendIndicatorsKind(ports.bulk), presentation: extendIndicatorsPresentation }] : []),
    // Device response over a device set (issue 13): one kind per action, sharing one folder's factory.
    ...(ports.deviceRuns ? DEVICE_ACTIONS.map((spec) => ({ kind: deviceSetKind(spec, { runs: ports.deviceRuns as BulkRuns }), presentation: deviceSetPresentation(spec) })) : []),
  ];
}
