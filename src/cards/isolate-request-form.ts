import formTemplate from '../../cards/isolate-request-form.json';
import type { CardAction } from './card-action';
import { CARD_VERBS } from './card-verbs';
import { safeText } from './escape';
import { renderCard } from './render';

/**
 * "Request isolation" for a device: a form whose button carries only the device id (40 hex,
 * checked by the caller and again on the server) and the form's inputs.
 */
export function isolateRequestFormAction(input: { machineId: string; deviceName?: string | null; title?: string }): CardAction {
  const name = safeText(input.deviceName, 120);
  const intro = `Ask an approver to isolate ${name || 'this device'} in Defender.`;
  const card = renderCard(formTemplate, { intro, machineId: input.machineId, verb: CARD_VERBS.containmentRequestIsolation });
  return { type: 'Action.ShowCard', title: input.title ?? 'Request isolation', card };
}
