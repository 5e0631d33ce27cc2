import { z } from 'zod';
import { deviceListCards } from '../../cards/device-list-card';
import { CARD_VERBS } from '../../cards/card-verbs';
import { problemCard } from '../../cards/problem-card';
import { keepCard } from '../action-answer';
import type { ActionHandler } from '../router';

const dataSchema = z.object({ setId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/) }).passthrough();

/** "Show all N devices" on a device set card: every device, in list cards under it; the set card stays. */
export const deviceListAction: ActionHandler = {
  verb: CARD_VERBS.devicesList,
  async run(turn, deps) {
    const parsed = dataSchema.safeParse(turn.action?.data);
    const set = parsed.success && deps.devices ? await deps.devices.sets.load(parsed.data.setId) : null;
    if (!set) return problemCard({ title: 'That device set is gone', detail: 'Verdict no longer has the devices of this card.', action: 'Run /devices again.' });
    for (const card of deviceListCards(set.devices)) await turn.reply(card);
    return keepCard(`Listed all ${set.devices.length} devices below.`);
  },
};
