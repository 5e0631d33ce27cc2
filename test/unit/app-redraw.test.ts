import pino from 'pino';
import { createApprovalPresenter } from '../support/stored-request';
import type { CardUpdater } from '../../src/app/card-updater';
import type { CardRef } from '../../src/app/card-updater';
import type { Card } from '../../src/cards/card';
import { as, BOB, isolateInput, opened, setup, TENANT } from './containment-fakes';
import { cardText } from '../support/card-text';

const log = pino({ level: 'silent' });
/** What housekeeping and the follower call: the one presenter, built once by main.ts. */
const redraw = (updater: CardUpdater, request: Parameters<ReturnType<typeof createApprovalPresenter>['show']>[0], logger: typeof log) => createApprovalPresenter(updater, logger).show(request);

async function acceptedIsolation() {
  const h = setup();
  const request = await opened(h, isolateInput());
  const result = await h.service.decide('approve', { id: request.id, actor: as(BOB, 'approver'), tenantId: TENANT });
  if (!result.ok) throw new Error('approval failed');
  return result.request;
}

describe('redrawing an approval card without a click', () => {
  it('when the request knows its card and connector, then the card is replaced with the current state and no buttons', async () => {
    const request = await acceptedIsolation();
    const updates: [CardRef, Card][] = [];
    const withCard = { ...request, conversation: { id: '19:soc@thread.tacv2', activityId: 'act-1', serviceUrl: 'https://smba.trafficmanager.net/emea/' } };
    const done = await redraw({ update: async (ref, card) => void updates.push([ref, card]) }, withCard, log);
    expect(done).toBe(true);
    expect(updates.map(([ref]) => ref)).toEqual([{ conversationId: '19:soc@thread.tacv2', activityId: 'act-1', serviceUrl: 'https://smba.trafficmanager.net/emea/' }]);
    const text = cardText(updates[0]?.[1] as never);
    expect(text).toContain('isolation pending in Defender');
    expect(JSON.stringify(updates[0]?.[1])).not.toContain('Action.Execute');
  });

  it('when the card or the connector is unknown (older request), then nothing is attempted', async () => {
    const request = await acceptedIsolation();
    let calls = 0;
    expect(await redraw({ update: async () => void calls++ }, request, log)).toBe(false);
    expect(calls).toBe(0);
  });

  it('when Teams refuses the update, then it is reported as not done, never thrown', async () => {
    const request = await acceptedIsolation();
    const withCard = { ...request, conversation: { id: 'a:chat', activityId: 'act-1', serviceUrl: 'https://smba.trafficmanager.net/emea/' } };
    const updater = {
      update: async () => {
        throw new Error('404 ActivityNotFoundInConversation');
      },
    };
    expect(await redraw(updater, withCard, log)).toBe(false);
  });
});
