import { z } from 'zod';
import { executeAction, type CardAction } from '../../cards/card-action';
import { noticeCard } from '../../cards/notice-card';
import { CARD_VERBS } from '../../cards/card-verbs';
import { problemCard } from '../../cards/problem-card';
import type { Card } from '../../cards/card';
import { oneLine } from '../../cards/escape';
import type { BulkRun } from '../../devices/bulk/run-state';
import { clip } from '../../util/clip';
import { keepCard } from '../action-answer';
import { mdeFailureCard } from '../mde-failure-card';
import type { ActionHandler } from '../router';

export const PACKAGE_LINK_VERB = CARD_VERBS.devicesPackageLink;
/** Buttons on one card; Defender allows 2 link requests a minute anyway. */
const MAX_BUTTONS = 20;

const dataSchema = z.object({ requestId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/), machineId: z.string().regex(/^[0-9a-f]{40}$/) }).passthrough();

/** For an approver: one "Package link" button per device whose collection succeeded (the link itself is fetched on click). */
export function packageButtons(run: BulkRun): CardAction[] {
  if (run.meta.action.kind !== 'collect') return [];
  return run.devices
    .filter((d) => d.state === 'accepted' && d.mdeStatus === 'Succeeded' && d.mdeId)
    .slice(0, MAX_BUTTONS)
    .map((d) => executeAction(`Package link: ${clip(oneLine(d.name), 40)}`, PACKAGE_LINK_VERB, { requestId: run.meta.id, machineId: d.id }));
}

/**
 * An investigation package's download link, fetched from Defender when an approver clicks (it is
 * short-lived, so never stored or shown ahead of time): GET /api/machineactions/{id}/getPackageUri
 * for the device's collection in that request.
 */
export const packageLinkAction: ActionHandler = {
  verb: PACKAGE_LINK_VERB,
  requires: 'decide-containment',
  async run(turn, deps) {
    const parsed = dataSchema.safeParse(turn.action?.data);
    const run = parsed.success ? await deps.devices?.runs?.get(parsed.data.requestId) : null;
    const device = parsed.success ? run?.devices.find((d) => d.id === parsed.data.machineId) : undefined;
    if (!run || run.meta.action.kind !== 'collect' || !device?.mdeId || device.mdeStatus !== 'Succeeded') {
      return problemCard({ title: 'No package for that device', detail: 'Verdict has no succeeded collection for this device in that request.', action: 'Run /actions with the request id to see where each device stands.' });
    }
    let uri: string | null;
    try {
      uri = (await deps.devices?.packageUri?.(device.mdeId)) ?? null;
    } catch (err) {
      const card = mdeFailureCard(err, 'Getting the package link');
      if (card) return card;
      throw err;
    }
    if (!uri) return problemCard({ title: 'Defender has no package link yet', detail: `Machine action ${device.mdeId} has no package to download.`, action: 'Try again in a few minutes.' });
    const card: Card = noticeCard({ title: `Investigation package of ${device.name}`, detail: 'The link is short-lived: download it now.', next: 'Opening it downloads a zip from Defender.' });
    (card as { actions?: unknown[] }).actions = [{ type: 'Action.OpenUrl', title: 'Download package', url: uri }];
    turn.log.info({ requestId: run.meta.id, machineId: device.id }, 'package link fetched');
    await turn.reply(card);
    return keepCard('Package link sent below.');
  },
};
