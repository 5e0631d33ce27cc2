import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { executeAction, type CardAction } from '../../cards/card-action';
import { CARD_VERBS } from '../../cards/card-verbs';
import { deviceSetCard } from '../../cards/device-set-card';
import { problemCard } from '../../cards/problem-card';
import type { DeviceSet } from '../../devices/device-set';
import { entryOf, withIsolation } from '../../devices/resolve-devices';
import { can, type Access } from '../access';
import { keepCard } from '../action-answer';
import type { AppDeps } from '../deps';
import { mdeFailureCard } from '../mde-failure-card';
import type { ActionHandler } from '../router';

const dataSchema = z.object({ machineId: z.string().trim().toLowerCase().regex(/^[0-9a-f]{40}$/), sha: z.string().trim().toLowerCase().regex(/^[0-9a-f]{40}$/).optional() }).passthrough();

/** On /alertfiles, for a responder: the alert's device as a device set, its stop-and-quarantine form holding the most dangerous file's SHA-1. */
export function respondOnDeviceButton(machineId: string, sha1: string | undefined, deps: AppDeps, access: Access): CardAction[] {
  if (!deps.devices || !can(access.roles, 'request-containment') || !/^[0-9a-f]{40}$/.test(machineId)) return [];
  return [executeAction('Respond on this device', CARD_VERBS.devicesFromAlert, sha1 ? { machineId, sha: sha1 } : { machineId })];
}

export const devicesFromAlertAction: ActionHandler = {
  verb: CARD_VERBS.devicesFromAlert,
  requires: 'request-containment',
  async run(turn, deps, access) {
    const data = dataSchema.safeParse(turn.action?.data);
    const devices = deps.devices;
    if (!data.success || !devices) return problemCard({ title: 'That button is not valid', detail: 'It names no device Verdict can use.', action: 'Run /alertfiles again.' });
    try {
      const machine = await devices.lookup.getMachine(data.data.machineId);
      if (!machine) return problemCard({ title: 'No such device in Defender', detail: `No device with id ${data.data.machineId}.`, action: 'Run /alertfiles again.' });
      const set: DeviceSet = { source: { kind: 'list', entries: 1 }, devices: await withIsolation(devices.lookup, [entryOf(machine)]), unknown: [], duplicates: [], invalid: [], badRows: [], notes: [] };
      const setId = randomUUID();
      await devices.sets.save(setId, set, turn.user.aadObjectId ?? '', (deps.now ?? Date.now)());
      await turn.reply(deviceSetCard({ set, actions: devices.actionsFor?.(setId, access, 1, data.data.sha) ?? [] }));
      return keepCard('The device and what you may do on it are below.');
    } catch (err) {
      const card = mdeFailureCard(err, `Looking up the device ${data.data.machineId}`);
      if (card) return card;
      throw err;
    }
  },
};
