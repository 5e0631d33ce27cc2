import type { ActionCardView } from '../../cards/action-view';
import { safeText } from '../../cards/escape';
import { formatCount, formatUtc } from '../../cards/format';
import { countsOf, type BlockIndicatorsRequest } from './request';

const n = (v: number) => formatCount(v) ?? '0';
/** The first values the approver sees in full; the rest are counted (a card holds a few dozen lines). */
const SHOWN = 15;

function sample(r: BlockIndicatorsRequest): string {
  const listed = r.target.items.slice(0, SHOWN).map((i) => `${i.type} ${i.value.length > 80 ? `${i.value.slice(0, 79)}…` : i.value}`);
  const more = r.target.items.length - SHOWN;
  return safeText(`${listed.join('; ')}${more > 0 ? `; and ${n(more)} more` : ''}`, 2_400);
}

function refusal(reason: string, detail: Record<string, unknown>): string | undefined {
  switch (reason) {
    case 'over-cap':
      return `the set would pass the 15,000-indicator cap (${String(detail.used ?? '?')} in use, ${String(detail.adding ?? '?')} more)`;
    case 'unsupported-action':
      return `an action the IoC type does not support${typeof detail.detail === 'string' ? `: ${detail.detail}` : ''}`;
    case 'invalid-values':
      return `values Defender would reject (${Array.isArray(detail.invalid) ? detail.invalid.length : '?'})`;
    case 'nothing-to-block':
      return 'nothing to block';
    default:
      return undefined;
  }
}

export const blockIndicatorsView: ActionCardView<BlockIndicatorsRequest> = {
  heading: (r) => `Containment request: add ${n(r.target.items.length)} custom indicators (block an advisory's IoCs)`,
  target(r) {
    const c = countsOf(r.target.items);
    return { title: 'IoCs', value: `${n(c.files)} files, ${n(c.network)} IPs, domains or URLs` };
  },
  facts(r) {
    const p = r.parameters;
    const c = countsOf(r.target.items);
    return [
      { title: 'Files', value: c.files > 0 ? `${safeText(p.fileAction, 40)}, with alert (${safeText(p.severity, 20)})` : '' },
      { title: 'Network', value: c.network > 0 ? `${safeText(p.networkAction, 40)}, with alert (${safeText(p.severity, 20)})` : '' },
      { title: 'Indicators expire', value: p.expirationTime ? (formatUtc(p.expirationTime) ?? safeText(p.expirationTime, 40)) : 'never' },
      { title: 'Device groups', value: p.rbacGroupNames?.length ? safeText(p.rbacGroupNames.join(', '), 300) : 'all devices' },
      { title: 'Title', value: safeText(p.title, 120) },
      { title: 'Values', value: sample(r) },
      { title: 'Import', value: `${n(Math.ceil(r.target.items.length / 500))} calls of up to 500 (30 a minute)` },
    ].filter((f) => f.value !== '');
  },
  mdeNoun: 'Indicators in Defender',
  succeeded(r, by) {
    const failed = r.execution?.mdeStatus?.endsWith('failed') ? r.execution.mdeStatus : '';
    const inDefender = r.execution?.mdeId ?? '';
    return failed ? { text: `Approved by ${by}: partly done, ${safeText(inDefender, 40)} in Defender, ${safeText(failed, 40)}.`, tone: 'warning' } : { text: `Approved by ${by}: done, ${safeText(inDefender, 40)} in Defender.`, tone: 'good' };
  },
  what: (r) => `add ${n(r.target.items.length)} custom indicators`,
  words: {
    kind: 'Block IoCs in bulk (indicators)',
    operations: { 'indicators.import': 'Block IoCs: import indicators (up to 500 a call)' },
    refusal,
    labels: { 'mde.items': 'IoCs', 'mde.calls': 'Import calls', 'mde.fileAction': 'File action', 'mde.networkAction': 'Network action' },
  },
};
