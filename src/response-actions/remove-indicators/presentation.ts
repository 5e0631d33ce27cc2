import type { ActionPresentation } from '../../app/containment/action-presentation';
import { noticeCard } from '../../cards/notice-card';
import { requestStatus } from '../../cards/request-status';
import { removeIndicatorsView } from './card-view';
import type { RemoveIndicatorsRequest } from './request';
import { requestRemoveIndicatorsHandler } from './request-handler';

export const removeIndicatorsPresentation: ActionPresentation<RemoveIndicatorsRequest> = {
  kind: 'remove-indicators',
  view: removeIndicatorsView,
  requestHandlers: [requestRemoveIndicatorsHandler],
  clickFacts: (data) => (typeof data.setId === 'string' && /^[A-Za-z0-9_-]{22}$/.test(data.setId) ? { setId: data.setId } : {}),
  async originCard(r) {
    return noticeCard({ title: `Removal of ${r.target.ids.length} indicators: request ${r.id}`, detail: requestStatus(r, removeIndicatorsView).text });
  },
};
