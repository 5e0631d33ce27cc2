import type { ActionPresentation } from '../../app/containment/action-presentation';
import { noticeCard } from '../../cards/notice-card';
import { requestStatus } from '../../cards/request-status';
import { extendIndicatorsView } from './card-view';
import type { ExtendIndicatorsRequest } from './request';
import { requestExtendIndicatorsHandler } from './request-handler';

export const extendIndicatorsPresentation: ActionPresentation<ExtendIndicatorsRequest> = {
  kind: 'extend-indicators',
  view: extendIndicatorsView,
  requestHandlers: [requestExtendIndicatorsHandler],
  clickFacts: (data) => (typeof data.setId === 'string' && /^[A-Za-z0-9_-]{22}$/.test(data.setId) ? { setId: data.setId } : {}),
  async originCard(r) {
    return noticeCard({ title: `Extension of ${r.target.ids.length} indicators: request ${r.id}`, detail: requestStatus(r, extendIndicatorsView).text });
  },
};
