import formTemplate from '../../cards/device-action-form.json';
import type { CardAction } from './card-action';
import { formatCount } from './format';
import { renderCard } from './render';

export interface DeviceActionFormInput {
  setId: string;
  count: number;
  verb: string;
  title: string;
  /** Which MDE parameters this action asks for. */
  asks: 'scanType' | 'isolationType' | 'tag' | 'sha1' | null;
  /** True: it runs at once (policy); false: it waits for an approver. */
  runsAtOnce: boolean;
  sha1?: string;
}

/** One action of a device set card: a form under the card whose button carries only the set's opaque id. */
export function deviceActionFormAction(input: DeviceActionFormInput): CardAction {
  const devices = `${formatCount(input.count)} device${input.count === 1 ? '' : 's'}`;
  const intro = input.runsAtOnce ? `Runs at once on ${devices} (journaled and posted to the audit channel).` : `Asks an approver to approve this for ${devices}.`;
  const card = renderCard(formTemplate, {
    intro,
    askScanType: input.asks === 'scanType',
    askIsolationType: input.asks === 'isolationType',
    askTag: input.asks === 'tag',
    askSha1: input.asks === 'sha1',
    button: input.runsAtOnce ? 'Run now' : 'Send for approval',
    verb: input.verb,
    setId: input.setId,
    sha1: input.sha1 ?? '',
  });
  return { type: 'Action.ShowCard', title: input.title, card };
}
