import type { Activity } from 'botbuilder';
import { DEMO_ALERTS } from '../../src/sandbox/demo-alerts';
import { DEMO_MACHINES } from '../../src/sandbox/demo-machines';
import { DEMO_FILES, DEMO_USERS } from '../../src/sandbox/demo-tenant';
import { CARD_VERBS } from '../../src/cards/card-verbs';
import { cardOf, cardText } from '../support/card-text';
import { executeActions } from '../support/card-nodes';
import { as, cardClick, invokedCard, message, startConversation, type Conversation } from '../support/conversation';

/* Isolate the device of an alert, against the sandbox, as main.ts wires it. */
jest.setTimeout(30_000);
const ALERT_ID = DEMO_ALERTS.eicar.alert.id;
const MACHINE = DEMO_MACHINES.workstation.id;
const { megan, lee } = DEMO_USERS;

let conv: Conversation;
beforeEach(async () => {
  conv = await startConversation();
});
afterEach(() => conv.stop());

const actionsOf = (card: unknown) => ((card as { actions?: { title?: string; type?: string; card?: unknown }[] })?.actions ?? []);
const approvalOf = (replies: Partial<Activity>[]) => replies.find((r) => r.type === 'message' && /Containment request/.test(cardText(cardOf(r))));
const requestIdOf = (approval: Partial<Activity> | undefined) =>
  ((cardOf(approval)?.actions ?? []) as { verb?: string; data?: { requestId?: string } }[]).find((a) => a.verb === CARD_VERBS.containmentApprove)?.data?.requestId ?? '';

describe('isolate a device', () => {
  it('when a responder runs /alertfiles, then the card offers "Request isolation" for the device; a reader gets none', async () => {
    const [forAlex] = await conv.send(message(`/alertfiles ${ALERT_ID}`));
    const form = actionsOf(cardOf(forAlex)).find((a) => a.title === 'Request isolation');
    expect(JSON.stringify(form?.card)).toContain(MACHINE);
    const [forLee] = await conv.send(as(lee, message(`/alertfiles ${ALERT_ID}`)));
    expect(actionsOf(cardOf(forLee)).map((a) => a.title)).not.toContain('Request isolation');
  });

  it('when Alex requests isolation and Megan approves, then the card shows the machine action id', async () => {
    const replies = await conv.send(cardClick(CARD_VERBS.containmentRequestIsolation, { machineId: MACHINE, isolationType: 'Selective', reason: 'EICAR on the workstation' }));
    expect(cardText(invokedCard(replies))).toMatch(/Isolation requested/);
    const approval = approvalOf(replies);
    expect(cardText(cardOf(approval))).toMatch(/isolate a device[\s\S]*Selective[\s\S]*EICAR on the workstation/);
    expect(cardText(cardOf(approval))).toContain(`Device\n${DEMO_MACHINES.workstation.computerDnsName} (${MACHINE})`);
    const text = cardText(invokedCard(await conv.send(as(megan, cardClick(CARD_VERBS.containmentApprove, { requestId: requestIdOf(approval) })))));
    expect(text).toMatch(/Approved by Megan Bowen: isolation pending in Defender \(machine action \S+\)\. This card updates when it ends\./);
    expect(conv.updates.at(-1)?.id).toBe(approval?.id);
  });

  it('when an isolation is already under way, then a second request is refused naming the machine action', async () => {
    const first = await conv.send(cardClick(CARD_VERBS.containmentRequestIsolation, { machineId: MACHINE, reason: 'first' }));
    await conv.send(as(megan, cardClick(CARD_VERBS.containmentApprove, { requestId: requestIdOf(approvalOf(first)) })));
    const second = await conv.send(cardClick(CARD_VERBS.containmentRequestIsolation, { machineId: MACHINE, reason: 'again' }));
    expect(cardText(invokedCard(second))).toMatch(/already has an isolation under way[\s\S]*Machine action/);
    expect(approvalOf(second)).toBeUndefined();
  });

  it('when the device is isolated already, then a new isolation is refused naming the machine action and how to release it', async () => {
    await conv.stop();
    conv = await startConversation({ SANDBOX_ACTION_PENDING_SECONDS: '0.1', SANDBOX_ACTION_RUNNING_SECONDS: '0.1', SANDBOX_ACTION_OUTCOME: 'Succeeded' });
    const first = await conv.send(cardClick(CARD_VERBS.containmentRequestIsolation, { machineId: MACHINE, reason: 'first' }));
    await conv.send(as(megan, cardClick(CARD_VERBS.containmentApprove, { requestId: requestIdOf(approvalOf(first)) })));
    const isolated = async () => (await conv.built.mde.devices.listActions({ type: 'Isolate', machineId: MACHINE })).find((a) => a.status === 'Succeeded');
    for (let i = 0; i < 50 && !(await isolated()); i++) await new Promise((r) => setTimeout(r, 100));
    const action = await isolated();
    expect(action).toBeDefined();

    const again = await conv.send(cardClick(CARD_VERBS.containmentRequestIsolation, { machineId: MACHINE, isolationType: 'Selective', reason: 'again' }));
    const text = cardText(invokedCard(again));
    expect(text).toContain(`${DEMO_MACHINES.workstation.computerDnsName} is already isolated`);
    expect(text).toMatch(new RegExp(`Defender isolated it \\(machine action ${action?.id}, asked \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC\\); no new request was made\\. To change the isolation type, release it first\\.`));
    expect(text).toContain(`To release it: /devices ${DEMO_MACHINES.workstation.computerDnsName}, then "Release from isolation"`);
    expect(approvalOf(again)).toBeUndefined();
    const journal = await conv.built.journal.read({ since: 0, limit: 1000 });
    expect(journal.at(-1)).toMatchObject({ type: 'containment.refused', data: { reason: 'already-isolated', detail: { existing: { id: action?.id, type: 'Isolate', status: 'Succeeded' } } } });
  });

  it('when a release of the device waits for approval in Verdict, then isolating it is refused naming that request, before asking Defender', async () => {
    const set = cardOf((await conv.send(message(`/devices ${MACHINE}`))).at(-1));
    const release = executeActions(set).find((a) => a.verb === 'devices.request-release');
    const asked = await conv.send(cardClick(release?.verb ?? '', { ...release?.data, reason: 'cleaned' }));
    expect(cardText(invokedCard(asked))).toContain('Release from isolation requested for 1 devices');
    const replies = await conv.send(cardClick(CARD_VERBS.containmentRequestIsolation, { machineId: MACHINE, reason: 'EICAR again' }));
    expect(cardText(invokedCard(replies))).toMatch(/^Isolation not requested: a release from isolation waits for approval on this device\nVerdict request \S+ \(release from isolation, asked by Alex Wilber\) is waiting for an approver and covers device /);
    expect(approvalOf(replies)).toBeUndefined();
  });

  it('when a forged form names a well-formed device id Defender does not know, then it is refused and nothing is requested', async () => {
    const forged = 'f'.repeat(40);
    const replies = await conv.send(cardClick(CARD_VERBS.containmentRequestIsolation, { machineId: forged, reason: 'x', computerDnsName: DEMO_MACHINES.workstation.computerDnsName }));
    expect(cardText(invokedCard(replies))).toMatch(new RegExp(`Isolation not requested: unknown device[\\s\\S]*No device with id ${forged} in Defender`));
    expect(approvalOf(replies)).toBeUndefined();
  });

  it('when the device id is not exactly 40 hex, then nothing is requested', async () => {
    const replies = await conv.send(cardClick(CARD_VERBS.containmentRequestIsolation, { machineId: `${MACHINE}00`, reason: 'x' }));
    expect(cardText(invokedCard(replies))).toMatch(/Isolation not requested/);
    expect(approvalOf(replies)).toBeUndefined();
  });

  it('when a responder opens the Devices pivot, then each device row offers "Isolate …" carrying only its id; a reader gets none', async () => {
    const pivot = (who?: typeof lee) => conv.send(who ? as(who, cardClick(CARD_VERBS.fileDevices, { sha: DEMO_FILES.malware.sha1 })) : cardClick(CARD_VERBS.fileDevices, { sha: DEMO_FILES.malware.sha1 }));
    const card = JSON.stringify(invokedCard(await pivot()));
    expect(card).toMatch(/"title":"Isolate [^"]+"/);
    expect(card).toContain(`"data":{"machineId":"${MACHINE}"}`);
    expect(JSON.stringify(invokedCard(await pivot(lee)))).not.toMatch(/"title":"Isolate /);
  });
});
