import { randomUUID } from 'node:crypto';
import { executeAction } from '../../cards/card-action';
import type { CardSection } from '../../cards/card-section';
import { deviceSetCard, DEVICE_ROWS } from '../../cards/device-set-card';
import { CARD_VERBS } from '../../cards/card-verbs';
import { devicesWithFile } from '../../devices/file-source';
import { can, type Access } from '../access';
import type { AppDeps } from '../deps';
import { deviceRefusalCard } from '../devices/refusal-card';
import { mdeFailureCard } from '../mde-failure-card';
import { keepCard } from '../action-answer';
import type { ActionHandler } from '../router';
import { hashFromAction, invalidButtonCard } from './action-hash';

export const DEVICES_FROM_FILE_VERB = CARD_VERBS.devicesFromFile;

/** On the Devices pivot, for a responder: a last row to act on every device that has the file. */
export function withActOnAll(section: CardSection, sha1: string, count: number, deps: AppDeps, access: Access): CardSection {
  if (count === 0 || !deps.devices || !can(access.roles, 'request-containment')) return section;
  const item = { heading: `All ${count} device${count === 1 ? '' : 's'} with this file`, color: 'default' as const, detail: 'Scan, isolate, stop and quarantine the file… on all of them at once.', actions: [executeAction('Act on these devices', DEVICES_FROM_FILE_VERB, { sha: sha1 })] };
  return { ...section, items: [...section.items, item] };
}

/** "Act on these devices": the devices that have the file as a device set card, the quarantine form holding its SHA-1. */
export const devicesFromFileAction: ActionHandler = {
  verb: DEVICES_FROM_FILE_VERB,
  requires: 'request-containment',
  async run(turn, deps, access) {
    const hash = hashFromAction(turn, ['sha1']);
    if (!hash) return invalidButtonCard(turn);
    const devices = deps.devices;
    if (!devices) return invalidButtonCard(turn);
    try {
      const outcome = await devicesWithFile(devices.lookup, (sha1) => deps.mde.getFileMachines(sha1), hash.value);
      if (!outcome.ok) return deviceRefusalCard(outcome);
      const setId = randomUUID();
      await devices.sets.save(setId, outcome.set, turn.user.aadObjectId ?? '', (deps.now ?? Date.now)());
      const showAll = outcome.set.devices.length > DEVICE_ROWS ? [executeAction(`Show all ${outcome.set.devices.length} devices`, CARD_VERBS.devicesList, { setId })] : [];
      await turn.reply(deviceSetCard({ set: outcome.set, actions: [...showAll, ...(devices.actionsFor?.(setId, access, outcome.set.devices.length, hash.value) ?? [])] }));
      return keepCard(`The ${outcome.set.devices.length} devices are below.`);
    } catch (err) {
      const card = mdeFailureCard(err, `Listing the devices that have SHA-1 ${hash.value}`);
      if (card) return card;
      throw err;
    }
  },
};
