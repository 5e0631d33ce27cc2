import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Card } from '../../src/cards/card';
import { isKeepCard, type ActionAnswer } from '../../src/app/action-answer';
import { defaultCommands } from '../../src/app/commands';
import { createRouter } from '../../src/app/router';
import { ALL_BUTTONS } from '../../src/cards/approval-card';
import { executeAction } from '../../src/cards/card-action';
import { CARD_VERBS } from '../../src/cards/card-verbs';
import { containmentRequestSchema, type ContainmentRequest, approvalCard, containmentApp } from '../support/stored-request';
import { appDeps, everyoneIs } from '../support/app-deps';
import { cardNodes, type CardNode } from '../support/card-nodes';
import { fakeMdeClient } from '../support/fake-mde-client';
import { fakeTurn } from '../support/fake-turn';
import { ALERT, ALERT_ID, FILES, MACHINE, fileFor, hex } from '../support/mde-fixtures';
import { setup, TENANT } from './containment-fakes';
import { MemoryStorage } from 'botbuilder';
import { createIocSetStore } from '../../src/app/ioc-sets';
import type { MdeIndicator } from '../../src/mde/indicator';
import type { AppDeps } from '../../src/app/deps';
import { deviceSetCard } from '../../src/cards/device-set-card';
import { deviceActionsFor } from '../../src/response-actions/device-set/set-card-actions';
import { packageButtons } from '../../src/app/actions/package-link';
import { newRun } from '../../src/devices/bulk/bulk-runner';
import type { DeviceSet } from '../../src/devices/device-set';

const DEVICE_SET: DeviceSet = { source: { kind: 'list', entries: 1 }, devices: [{ id: MACHINE.id, name: 'ws-1' }], unknown: [], duplicates: [], invalid: [], badRows: [], notes: [] };
const COLLECTED = (() => {
  const run = newRun({ id: 'req-0001', action: { kind: 'collect' }, comment: 'c', requestedBy: 'A', devices: [{ id: MACHINE.id, name: 'ws-1' }] }, 0);
  run.devices[0] = { ...run.devices[0]!, state: 'accepted', mdeId: 'act-1', mdeStatus: 'Succeeded' };
  return run;
})();

/*
 * Clients without Universal Actions (Adaptive Cards < 1.4) click the Action.Submit fallback of an
 * Action.Execute; the edge reads its `value` as `{ verb, ...data }`. So every Execute button must
 * carry a Submit with the same title, verb and data, or the click means something else there.
 */

/** What is wrong with one Execute's fallback; empty when it matches. */
function fallbackProblems(node: CardNode): string[] {
  const fallback = node.fallback as CardNode | undefined;
  if (!fallback) return [`"${String(node.title)}" (${String(node.verb)}) has no fallback`];
  const want = { type: 'Action.Submit', title: node.title, data: { verb: node.verb, ...(node.data as object) }, associatedInputs: node.associatedInputs };
  const got = { type: fallback.type, title: fallback.title, data: fallback.data, associatedInputs: fallback.associatedInputs };
  return JSON.stringify(got) === JSON.stringify(want) ? [] : [`"${String(node.title)}": fallback ${JSON.stringify(got)}, want ${JSON.stringify(want)}`];
}

/** Every Execute button of a card; `refresh` is not a button (old clients ignore it) and has none. */
const buttons = (card: Card): CardNode[] => cardNodes({ ...card, refresh: undefined }).filter((n) => n.type === 'Action.Execute');

const request = (over: Partial<ContainmentRequest>): ContainmentRequest =>
  containmentRequestSchema.parse({
    id: 'req_ABCdef123456789012345',
    state: 'requested',
    tenantId: TENANT,
    requester: { aadObjectId: '3a8f1c52-6b0e-4d7a-9c21-5e4b7f0a1d01', name: 'Alex Wilber' },
    createdAt: '2026-03-02T09:00:00.000Z',
    expiresAt: '2026-03-02T10:00:00.000Z',
    reason: 'Seen in an alert',
    conversation: { id: 'c' },
    history: [],
    revision: 0,
    ...over,
  });

/** The cards a responder meets, rendered by the real app: verdict, pivots, alert, advisory, approvals. */
async function renderedCards(): Promise<Record<string, Card>> {
  const mde = fakeMdeClient({
    files: [FILES.malware, FILES.pua, FILES.clean],
    fileMachines: { [FILES.malware.sha1]: [MACHINE] },
    alerts: { [ALERT_ID]: { alert: ALERT, files: [FILES.clean, FILES.malware, FILES.pua], machine: MACHINE } },
  });
  // The tenant's indicators (none) and a store for the coverage card's "Block the N not covered" set.
  // One of them on the malware file: /indicators offers to remove it as redundant.
  const onMalware = { id: '1', indicatorValue: FILES.malware.sha256, indicatorType: 'FileSha256', action: 'Block', createdBySource: null } as MdeIndicator;
  const expiring = { id: '2', indicatorValue: 'evil.top', indicatorType: 'DomainName', action: 'Block', createdBySource: null, expirationTime: new Date(Date.now() + 86_400_000).toISOString() } as MdeIndicator;
  const indicators = { listAll: async () => [onMalware, expiring], import: async () => [], delete: async () => true, batchDelete: async () => undefined };
  // Only its presence matters here: the Devices pivot offers "Act on these devices" when device sets are wired.
  const devices = { lookup: {}, hunt: async () => [], sets: {}, actions: async () => [] } as unknown as NonNullable<AppDeps['devices']>;
  const deps = appDeps(mde, { roles: everyoneIs('responder', 'approver'), containment: containmentApp({ service: setup().service, fourEyes: true }), indicators, iocSets: createIocSetStore(new MemoryStorage()), devices });
  const router = createRouter(deps, defaultCommands());
  const say = async (text: string, pick: 'last' | 'last-update' = 'last') => {
    const turn = fakeTurn({ text, tenantId: TENANT });
    await router.handleMessage(turn);
    const events = pick === 'last' ? turn.events : turn.events.filter((e) => e.kind === 'update');
    return events.at(-1)?.card ?? { type: 'AdaptiveCard' };
  };
  const advisory = [FILES.malware.sha256, FILES.pua.sha256, FILES.clean.sha256, hex('gone', 'sha256'), fileFor('x').sha256 ?? ''].join(' ');
  return {
    verdict: await say(`/hash ${FILES.malware.sha256}`),
    devices: cardAnswer(await router.handleAction(fakeTurn({ tenantId: TENANT, action: { verb: CARD_VERBS.fileDevices, data: { sha: FILES.malware.sha1 } } }))),
    alertFiles: await say(`/alertfiles ${ALERT_ID}`),
    // The summary (the progress message updated in place); the coverage card follows it.
    advisory: await say(`/hash ${advisory}`, 'last-update'),
    coverage: await say(`/hash ${advisory}`),
    indicators: await say('/indicators', 'last-update'),
    approvalBlock: approvalCard({ request: request({ kind: 'block-file', target: { sha256: FILES.malware.sha256, verdict: 'Malicious' }, parameters: { action: 'Block', generateAlert: true, severity: 'High', expirationTime: '2026-04-01T09:00:00.000Z', title: 't', description: 'd' } }), buttons: ALL_BUTTONS }),
    deviceSet: deviceSetCard({ set: DEVICE_SET, actions: [executeAction('Show all', CARD_VERBS.devicesList, { setId: 'set-0001' }), ...deviceActionsFor(new Map())('set-0001', { roles: new Set(['responder']) }, 25)] }),
    packageLinks: { type: 'AdaptiveCard', body: [], actions: packageButtons(COLLECTED) } as unknown as Card,
    approvalIsolate: approvalCard({ request: request({ kind: 'isolate-device', target: { machineId: MACHINE.id }, parameters: { isolationType: 'Full' } }), buttons: ALL_BUTTONS }),
  };
}

/** A pivot answers with a card in the clicked one's place. */
function cardAnswer(answer: ActionAnswer): Card {
  if (isKeepCard(answer)) throw new Error('expected a card in the clicked card\'s place');
  return answer;
}

describe('Action.Submit fallbacks', () => {
  let cards: Record<string, Card>;
  beforeAll(async () => {
    cards = await renderedCards();
  });

  it('when the cards a responder and approver meet are rendered, then between them they carry every button verb (rows and show cards included)', () => {
    const verbs = new Set(Object.values(cards).flatMap((card) => buttons(card).map((b) => String(b.verb))));
    const wanted = Object.values(CARD_VERBS).filter((v) => v !== CARD_VERBS.containmentView);
    expect([...verbs].sort()).toEqual([...wanted].sort());
  });

  it('when any Execute button is rendered, then its fallback is an Action.Submit with the same title, the verb and the same data', () => {
    for (const [name, card] of Object.entries(cards)) {
      expect({ name, problems: buttons(card).flatMap(fallbackProblems) }).toEqual({ name, problems: [] });
    }
  });

  it('when a form button collects inputs, then its fallback collects them too', () => {
    const forms = Object.values(cards).flatMap(buttons).filter((b) => b.associatedInputs !== undefined);
    expect([...new Set(forms.map((b) => String(b.verb)))].sort()).toEqual([CARD_VERBS.containmentDeny, CARD_VERBS.containmentRequestBlock, CARD_VERBS.containmentRequestIsolation, CARD_VERBS.indicatorsBlockRequest, CARD_VERBS.indicatorsRemoveRequest, CARD_VERBS.indicatorsExtendRequest, ...Object.values(CARD_VERBS).filter((v) => v.startsWith('devices.request-'))].sort());
    expect(forms.every((b) => (b.fallback as CardNode).associatedInputs === 'auto')).toBe(true);
  });

  it('when an approval card waits, then its refresh is the only Execute without a fallback', () => {
    const card = cards.approvalBlock as Card & { refresh?: { action?: CardNode } };
    expect(card.refresh?.action).toMatchObject({ type: 'Action.Execute', verb: CARD_VERBS.containmentView });
    expect(card.refresh?.action?.fallback).toBeUndefined();
  });

  it.each(readdirSync(join(__dirname, '../../cards')).filter((f) => f.endsWith('.json')))('when the template %s has an Execute button, then it has the Submit fallback too', (file) => {
    const template: unknown = JSON.parse(readFileSync(join(__dirname, '../../cards', file), 'utf8'));
    // Data bound whole ("${data}" / "${fallbackData}") is only known once rendered: the rendered cards above check it.
    const bound = (n: CardNode) => typeof n.data === 'string' && typeof (n.fallback as CardNode | undefined)?.data === 'string';
    const executes = cardNodes(template).filter((n) => n.type === 'Action.Execute');
    expect(executes.filter((n) => !bound(n)).flatMap(fallbackProblems)).toEqual([]);
    expect(executes.filter(bound).every((n) => (n.fallback as CardNode).type === 'Action.Submit' && (n.fallback as CardNode).title === n.title)).toBe(true);
  });

  it('when built by executeAction, then the verb cannot be shadowed by a data key of the same name', () => {
    expect(executeAction('Go', 'file.verdict', { sha: 'a' }).fallback.data).toEqual({ verb: 'file.verdict', sha: 'a' });
    expect(() => executeAction('Go', 'file.verdict', { verb: 'containment.approve' })).toThrow(/verb/);
  });
});
