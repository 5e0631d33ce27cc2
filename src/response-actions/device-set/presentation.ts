import { noticeCard } from '../../cards/notice-card';
import { requestStatus } from '../../cards/request-status';
import type { ActionPresentation } from '../../app/containment/action-presentation';
import type { DeviceActionSpec } from './actions';
import { deviceSetView } from './card-view';
import type { DeviceSetRequest } from './request';
import { deviceSetRequestHandler } from './request-handler';

export function deviceSetPresentation(spec: DeviceActionSpec): ActionPresentation<DeviceSetRequest> {
  const view = deviceSetView(spec);
  return {
    kind: spec.kind,
    view,
    requestHandlers: [deviceSetRequestHandler(spec)],
    clickFacts(data) {
      const v = data.setId;
      return typeof v === 'string' && /^[A-Za-z0-9_-]{8,64}$/.test(v) ? { setId: v } : {};
    },
    originCard: async (r) => noticeCard({ title: `${spec.title} on ${r.target.devices.length} devices`, detail: `Request ${r.id}: ${requestStatus(r, view).text}`, next: 'The request card has every step.' }),
  };
}
