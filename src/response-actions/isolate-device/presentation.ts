import { noticeCard } from '../../cards/notice-card';
import { requestStatus } from '../../cards/request-status';
import type { ActionPresentation } from '../../app/containment/action-presentation';
import { isolateDeviceView } from './card-view';
import { MACHINE_ID, type IsolateRequest } from './request';
import { requestIsolationHandler } from './request-handler';

/** A refused form click aimed at this device (only a well-formed 40-hex machine id is kept). */
function clickFacts(data: Record<string, unknown>): Record<string, unknown> {
  const v = data.machineId;
  const machineId = typeof v === 'string' && v.length <= 100 ? v.trim().toLowerCase() : '';
  return MACHINE_ID.test(machineId) ? { machineId } : {};
}

export const isolateDevicePresentation: ActionPresentation<IsolateRequest> = {
  kind: 'isolate-device',
  view: isolateDeviceView,
  requestHandlers: [requestIsolationHandler],
  clickFacts,
  /** The "Isolation requested" notice the form's click left, with the isolation's status. */
  originCard: async (r) =>
    noticeCard({ title: 'Isolation requested', detail: `Request ${r.id}: ${requestStatus(r, isolateDeviceView).text}`, next: 'The approval card has every step; Verdict tells you here when it ends.' }),
};
