import { defaultCommands } from '../../src/app/commands';
import { createRouter } from '../../src/app/router';
import { CARD_VERBS } from '../../src/cards/card-verbs';
import type { MdeClient } from '../../src/mde/client';
import { appDeps, everyoneIs, mdeError } from '../support/app-deps';
import { cardNodes } from '../support/card-nodes';
import { cardText } from '../support/card-text';
import { fakeMdeClient } from '../support/fake-mde-client';
import { fakeTurn } from '../support/fake-turn';
import { MACHINE } from '../support/mde-fixtures';
import { setup, TENANT } from './containment-fakes';
import { containmentApp } from '../support/stored-request';

const FORGED = 'f'.repeat(40);

async function requestIsolation(data: Record<string, unknown>, mde: MdeClient = fakeMdeClient({ machines: [MACHINE] })) {
  const h = setup();
  const deps = appDeps(mde, { roles: everyoneIs('responder'), containment: containmentApp({ service: h.service, fourEyes: true }) });
  const turn = fakeTurn({ tenantId: TENANT, action: { verb: CARD_VERBS.containmentRequestIsolation, data } });
  const card = await createRouter(deps, defaultCommands()).handleAction(turn);
  return { h, turn, card, text: cardText(card), posted: turn.events.filter((e) => e.kind === 'reply').map((e) => cardText(e.card)) };
}

describe('request isolation', () => {
  it('when the id is a device Defender knows, then the request carries its Defender name and the approval card shows "name (id)"', async () => {
    const mde = fakeMdeClient({ machines: [MACHINE] });
    const { h, text, posted } = await requestIsolation({ machineId: MACHINE.id.toUpperCase(), reason: 'ransomware' }, mde);
    expect(text).toMatch(/^Isolation requested/);
    expect(mde.callsTo('getMachine')).toEqual([MACHINE.id]);
    expect(posted).toHaveLength(1);
    expect(posted[0]).toContain(`Device\n${MACHINE.computerDnsName} (${MACHINE.id})`);
    expect(h.audit.entries[0]).toMatchObject({ type: 'containment.requested', data: { target: { machineId: MACHINE.id, computerDnsName: MACHINE.computerDnsName } } });
  });

  it('when the isolation is requested, then the answer is drawn as news and a refusal as a problem', async () => {
    const titleColour = (card: unknown, title: RegExp) => cardNodes(card).find((n) => n.type === 'TextBlock' && title.test(n.text ?? ''))?.color;
    expect(titleColour((await requestIsolation({ machineId: MACHINE.id, reason: 'x' })).card, /^Isolation requested/)).toBeUndefined();
    expect(titleColour((await requestIsolation({ machineId: FORGED, reason: 'x' })).card, /^Isolation not requested/)).toBe('attention');
  });

  it('when the form is forged with an id Defender does not know, then it is refused and nothing is requested', async () => {
    const { h, text, posted } = await requestIsolation({ machineId: FORGED, reason: 'x', computerDnsName: 'workstation-07.verdict-demo.example' });
    expect(text).toMatch(/^Isolation not requested: unknown device/);
    expect(text).toContain(`No device with id ${FORGED} in Defender`);
    expect(posted).toEqual([]);
    expect(h.audit.entries).toEqual([]);
  });

  it('when a device name is forged into the data, then the name on the request is still Defender’s', async () => {
    const { h } = await requestIsolation({ machineId: MACHINE.id, reason: 'x', computerDnsName: 'ceo-laptop', deviceName: 'ceo-laptop' });
    expect(JSON.stringify(h.audit.entries)).not.toContain('ceo-laptop');
    expect(h.audit.entries[0]).toMatchObject({ data: { target: { computerDnsName: MACHINE.computerDnsName } } });
  });

  it('when the device lookup fails in MDE, then the MDE failure card names the missing permission and nothing is requested', async () => {
    const denied = mdeError({ kind: 'forbidden', status: 403, operation: 'machines.get', permissions: ['Machine.Read.All'], target: 'corr-7' });
    const { h, text, posted } = await requestIsolation({ machineId: MACHINE.id, reason: 'x' }, fakeMdeClient({}, { getMachine: async () => Promise.reject(denied) }));
    expect(text).toMatch(/missing a Defender permission[\s\S]*Machine\.Read\.All[\s\S]*corr-7/);
    expect(posted).toEqual([]);
    expect(h.audit.entries).toEqual([]);
  });

  it('when the id is not exactly 40 hex, then Defender is not asked', async () => {
    const mde = fakeMdeClient({ machines: [MACHINE] });
    const { text } = await requestIsolation({ machineId: 'workstation-07.verdict-demo.example', reason: 'x' }, mde);
    expect(text).toMatch(/^Isolation not requested/);
    expect(mde.calls).toEqual([]);
  });
});
