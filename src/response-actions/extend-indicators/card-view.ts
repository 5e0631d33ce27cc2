import type { ActionCardView } from '../../cards/action-view';
import { safeText } from '../../cards/escape';
import { formatCount } from '../../cards/format';
import type { ExtendIndicatorsRequest } from './request';

const n = (v: number) => formatCount(v) ?? '0';

export const extendIndicatorsView: ActionCardView<ExtendIndicatorsRequest> = {
  heading: (r) => `Indicator request: extend the expiry of ${n(r.target.ids.length)} custom indicators by ${r.parameters.byDays} days`,
  target: (r) => ({ title: 'Indicators', value: `${n(r.target.ids.length)}${r.target.selection ? ` (${safeText(r.target.selection, 120)})` : ''}` }),
  facts: (r) => [
    { title: 'Ids', value: safeText(`${r.target.ids.slice(0, 30).join(', ')}${r.target.ids.length > 30 ? `, and ${n(r.target.ids.length - 30)} more` : ''}`, 1_000) },
    { title: 'Extend by', value: `${r.parameters.byDays} days, from the later of now and the current expiry` },
  ],
  mdeNoun: 'Indicators extended',
  succeeded(r, by) {
    const failed = r.execution?.mdeStatus?.endsWith('failed') ? r.execution.mdeStatus : '';
    const done = r.execution?.mdeId ?? '';
    return failed ? { text: `Approved by ${by}: partly done, ${safeText(done, 40)} extended, ${safeText(failed, 40)}.`, tone: 'warning' } : { text: `Approved by ${by}: done, ${safeText(done, 40)} extended.`, tone: 'good' };
  },
  what: (r) => `extend ${n(r.target.ids.length)} custom indicators`,
  words: {
    kind: 'Extend indicators in bulk',
    operations: { 'indicators.import': 'Extend indicators: re-submit through import (up to 500 a call)' },
    refusal: (reason) => (reason === 'nothing-to-extend' ? 'none of them has an expiry to extend' : reason === 'not-later' ? 'the extension is out of range' : undefined),
    labels: { 'mde.ids': 'Indicators', 'mde.byDays': 'Extended by (days)' },
  },
};
