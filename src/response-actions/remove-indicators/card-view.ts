import type { ActionCardView } from '../../cards/action-view';
import { safeText } from '../../cards/escape';
import { formatCount } from '../../cards/format';
import type { RemoveIndicatorsRequest } from './request';

const n = (v: number) => formatCount(v) ?? '0';

export const removeIndicatorsView: ActionCardView<RemoveIndicatorsRequest> = {
  heading: (r) => `Indicator request: REMOVE ${n(r.target.ids.length)} custom indicators from Defender`,
  target: (r) => ({ title: 'Indicators', value: `${n(r.target.ids.length)}${r.target.selection ? ` (${safeText(r.target.selection, 120)})` : ''}` }),
  facts: (r) => [
    { title: 'Ids', value: safeText(`${r.target.ids.slice(0, 30).join(', ')}${r.target.ids.length > 30 ? `, and ${n(r.target.ids.length - 30)} more` : ''}`, 1_000) },
    { title: 'Removal', value: `${n(Math.ceil(r.target.ids.length / 500))} BatchDelete calls of up to 500 (30 a minute); cannot be undone` },
  ],
  waitingNotice: () => 'Removed indicators stop blocking at once and cannot be restored from Verdict.',
  mdeNoun: 'Indicators removed',
  succeeded(r, by) {
    const failed = r.execution?.mdeStatus?.endsWith('failed') ? r.execution.mdeStatus : '';
    const gone = r.execution?.mdeId ?? '';
    return failed ? { text: `Approved by ${by}: partly done, ${safeText(gone, 40)} removed, ${safeText(failed, 40)}.`, tone: 'warning' } : { text: `Approved by ${by}: done, ${safeText(gone, 40)} removed.`, tone: 'good' };
  },
  what: (r) => `remove ${n(r.target.ids.length)} custom indicators`,
  words: {
    kind: 'Remove indicators in bulk',
    operations: { 'indicators.batchDelete': 'Remove indicators: BatchDelete (up to 500 a call)' },
    refusal: (reason, detail) => (reason === 'not-found' ? `none of the ${String(detail.count ?? '')} indicators is in Defender any more` : undefined),
    labels: { 'mde.ids': 'Indicators', 'mde.calls': 'BatchDelete calls' },
  },
};
