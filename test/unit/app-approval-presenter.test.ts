import pino from 'pino';
import { everyonesButtons } from '../../src/app/containment/approval-presenter';
import { createApprovalPresenter } from '../support/stored-request';
import type { CardRef } from '../../src/app/card-updater';
import type { Card } from '../../src/cards/card';
import { NO_BUTTONS } from '../../src/cards/approval-card';
import type { ContainmentRequest } from '../../src/containment/model';
import { ALICE, BOB, MACHINE, opened, setup } from './containment-fakes';
import { fakeTurn } from '../support/fake-turn';
import { cardText } from '../support/card-text';

const log = pino({ level: 'silent' });
const SERVICE = 'https://smba.trafficmanager.net/emea/';

async function waiting(where: Partial<ContainmentRequest['conversation']>): Promise<ContainmentRequest> {
  const request = await opened(setup());
  return { ...request, conversation: { ...request.conversation, ...where } };
}

const verbs = (card: Card | undefined) => [...new Set(JSON.stringify(card).match(/containment\.\w+/g))].filter((v) => v !== 'containment.view');

describe('the approval presenter', () => {
  it('when the click came from the card\'s own conversation, then the card is redrawn in that turn and not proactively', async () => {
    const turn = fakeTurn();
    const id = await turn.reply({ type: 'AdaptiveCard' } as unknown as Card);
    const request = await waiting({ id: turn.conversation.id, activityId: id, serviceUrl: SERVICE });
    const proactive: CardRef[] = [];
    const done = await createApprovalPresenter({ update: async (ref) => void proactive.push(ref) }, log).show(request, turn);
    expect(done).toBe(true);
    expect(turn.events.map((e) => [e.kind, e.id])).toEqual([['reply', id], ['update', id]]);
    expect(proactive).toEqual([]);
  });

  it('when there is no turn (or it is another conversation), then the card is replaced proactively where it was posted', async () => {
    const request = await waiting({ id: '19:soc@thread.tacv2', activityId: 'act-1', serviceUrl: SERVICE });
    const updates: [CardRef, Card][] = [];
    const presenter = createApprovalPresenter({ update: async (ref, card) => void updates.push([ref, card]) }, log);
    expect(await presenter.show(request)).toBe(true);
    expect(await presenter.show(request, fakeTurn())).toBe(true);
    expect(updates.map(([ref]) => ref)).toEqual([
      { conversationId: '19:soc@thread.tacv2', serviceUrl: SERVICE, activityId: 'act-1' },
      { conversationId: '19:soc@thread.tacv2', serviceUrl: SERVICE, activityId: 'act-1' },
    ]);
    expect(cardText(updates[0]?.[1])).toContain(request.id);
  });

  it('when the card, or a way to reach it, is unknown, then nothing is attempted', async () => {
    let calls = 0;
    const presenter = createApprovalPresenter({ update: async () => void calls++ }, log);
    expect(await presenter.show(await waiting({ activityId: undefined, serviceUrl: SERVICE }))).toBe(false);
    expect(await presenter.show(await waiting({ activityId: 'act-1', serviceUrl: undefined }))).toBe(false);
    expect(await createApprovalPresenter(undefined, log).show(await waiting({ activityId: 'act-1', serviceUrl: SERVICE }))).toBe(false);
    expect(calls).toBe(0);
  });

  it('when Teams refuses, then it is reported as not done, never thrown', async () => {
    const presenter = createApprovalPresenter({ update: async () => Promise.reject(new Error('404 ActivityNotFoundInConversation')) }, log);
    expect(await presenter.show(await waiting({ activityId: 'act-1', serviceUrl: SERVICE }))).toBe(false);
  });

  it('when a request waits or has moved on, then everyone sees no buttons; when its start was undone, then Approve only', async () => {
    const request = await waiting({ activityId: 'act-1', serviceUrl: SERVICE });
    expect(everyonesButtons(request)).toEqual(NO_BUTTONS);
    expect(everyonesButtons({ ...request, state: 'denied' })).toEqual(NO_BUTTONS);
    const stuck: ContainmentRequest = { ...request, state: 'approved', resumable: true };
    expect(everyonesButtons(stuck)).toEqual({ approve: true, deny: false, cancel: false });
    const updates: Card[] = [];
    await createApprovalPresenter({ update: async (_ref, card) => void updates.push(card) }, log).show(stuck);
    expect(verbs(updates[0])).toEqual(['containment.approve']);
    await createApprovalPresenter({ update: async (_ref, card) => void updates.push(card) }, log).show(request);
    expect(verbs(updates[1])).toEqual([]);
  });

  it('when a viewer is drawn their own card, then an approver gets Approve and Deny, the requester Cancel, and a decided request nothing', async () => {
    const request = await waiting({ activityId: 'act-1', serviceUrl: SERVICE });
    const presenter = createApprovalPresenter(undefined, log);
    const viewer = (who: { aadObjectId: string; name: string }) => Object.assign(fakeTurn(), { user: { id: `29:${who.name}`, ...who } });
    expect(verbs(presenter.forViewer(request, viewer(BOB), { roles: new Set(['approver']) }))).toEqual(['containment.approve', 'containment.deny']);
    expect(verbs(presenter.forViewer(request, viewer(ALICE), { roles: new Set(['responder', 'approver']) }))).toEqual(['containment.cancel']);
    const denied = presenter.forViewer({ ...request, state: 'denied' }, viewer(BOB), { roles: new Set(['approver']) }, 'This request has already been decided.');
    expect(verbs(denied)).toEqual([]);
    expect(cardText(denied)).toContain('This request has already been decided.');
  });

  it('when the audit channel\'s first post is redrawn, then it speaks the kind\'s words and says where the request stands now', async () => {
    const presenter = createApprovalPresenter(undefined, log);
    const entry = (seq: number, type: 'containment.requested' | 'containment.approved', data: Record<string, unknown>) =>
      ({ seq, at: '2026-03-02T09:00:00.000Z', type, actor: { name: 'Megan Bowen' }, requestId: 'req0000000000000000001', data, prev: '0'.repeat(64), hash: 'a'.repeat(64) }) as const;
    const text = cardText(presenter.auditRoot(entry(1, 'containment.requested', { kind: 'isolate-device', target: { machineId: MACHINE } }), entry(2, 'containment.approved', { kind: 'isolate-device' })));
    expect(text).toContain('Isolate a device');
    expect(text).toMatch(/Now: Approved \(Megan Bowen/);
    expect(text).not.toContain('isolate-device');
  });
});
