import pino from 'pino';
import { newsForRequester, tellRequester } from '../../src/app/containment/requester-news';
import type { CardRef } from '../../src/app/card-updater';
import type { Card } from '../../src/cards/card';
import type { ContainmentRequest } from '../../src/containment/model';
import { appDeps } from '../support/app-deps';
import { cardText } from '../support/card-text';
import { fakeMdeClient } from '../support/fake-mde-client';
import { as, BOB, isolateInput, opened, setup, TENANT } from './containment-fakes';
import { containmentApp } from '../support/stored-request';

const log = pino({ level: 'silent' });
const SERVICE_URL = 'https://smba.trafficmanager.net/emea/';

/** An isolation Defender accepted (Pending), asked from a personal chat's alert card. */
async function acceptedIsolation(): Promise<ContainmentRequest> {
  const h = setup();
  const request = await opened(h, isolateInput());
  const result = await h.service.decide('approve', { id: request.id, actor: as(BOB, 'approver'), tenantId: TENANT });
  if (!result.ok) throw new Error('approval failed');
  return { ...result.request, conversation: { id: 'a:chat', serviceUrl: SERVICE_URL, originActivityId: 'alert-card-1', type: 'personal', requesterId: '29:alex' } };
}
const ended = (r: ContainmentRequest, mdeStatus: string): ContainmentRequest => ({ ...r, execution: { ...r.execution, mdeStatus } });

function recorder() {
  const calls: { kind: 'update' | 'post'; ref: Partial<CardRef>; card: Card }[] = [];
  return { calls, cards: { update: async (ref: CardRef, card: Card) => void calls.push({ kind: 'update', ref, card }), post: async (ref: Omit<CardRef, 'activityId'>, card: Card) => void calls.push({ kind: 'post', ref, card }) } };
}

/** Which requests are still followed in MDE: the service's own rule, through the registry's kinds. */
const FOLLOWS = setup().service;

describe('telling the requester, outside a click (housekeeping and the isolation follower)', () => {
  it('when an isolation is accepted but still Pending, then it is no news yet; when its action ends, it is', async () => {
    const accepted = await acceptedIsolation();
    expect(newsForRequester(accepted, FOLLOWS)).toBe(false);
    expect(newsForRequester(ended(accepted, 'Succeeded'), FOLLOWS)).toBe(true);
    expect(newsForRequester(ended(accepted, 'Failed'), FOLLOWS)).toBe(true);
    expect(newsForRequester({ ...accepted, state: 'expired' }, FOLLOWS)).toBe(true);
    expect(newsForRequester({ ...accepted, state: 'cancelled' }, FOLLOWS)).toBe(false);
    expect(newsForRequester({ ...accepted, state: 'executing' }, FOLLOWS)).toBe(false);
  });

  it('when the follower sees the isolation succeed, then the requester’s card is redrawn and a message tells them, both proactively', async () => {
    const { calls, cards } = recorder();
    const deps = appDeps(fakeMdeClient({}), { containment: containmentApp({ service: setup().service, fourEyes: true, cards }) });
    const done = ended(await acceptedIsolation(), 'Succeeded');
    await tellRequester(deps, done, { notify: newsForRequester(done, FOLLOWS), log });
    expect(calls.map((c) => [c.kind, c.ref])).toEqual([
      ['update', { conversationId: 'a:chat', serviceUrl: SERVICE_URL, activityId: 'alert-card-1' }],
      ['post', { conversationId: 'a:chat', serviceUrl: SERVICE_URL }],
    ]);
    expect(cardText(calls[0]?.card)).toMatch(/Isolation requested[\s\S]*device isolated/);
    expect(cardText(calls[1]?.card)).toMatch(/news on your request to isolate device[\s\S]*Approved by Bob[\s\S]*device isolated/);
  });

  it('when a status moves on but has not ended, then only the card is redrawn', async () => {
    const { calls, cards } = recorder();
    const deps = appDeps(fakeMdeClient({}), { containment: containmentApp({ service: setup().service, fourEyes: true, cards }) });
    const moving = ended(await acceptedIsolation(), 'InProgress');
    await tellRequester(deps, moving, { notify: newsForRequester(moving, FOLLOWS), log });
    expect(calls.map((c) => c.kind)).toEqual(['update']);
    expect(cardText(calls[0]?.card)).toMatch(/isolation in progress/);
  });

  it('when Teams refuses, then nothing is thrown', async () => {
    const failing = { update: async () => Promise.reject(new Error('403')), post: async () => Promise.reject(new Error('403')) };
    const deps = appDeps(fakeMdeClient({}), { containment: containmentApp({ service: setup().service, fourEyes: true, cards: failing }) });
    await expect(tellRequester(deps, ended(await acceptedIsolation(), 'Failed'), { notify: true, log })).resolves.toBeUndefined();
  });
});
