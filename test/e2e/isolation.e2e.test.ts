/**
 * Isolate a device in the Teams client (Agents Playground in Chromium), against Verdict's embedded
 * MDE sandbox: Alex (responder) fills in "Request isolation", the approval card is posted, Megan
 * (approver) approves and the card shows the machine action MDE made; every refusal is a card.
 *
 * Each scenario has its own demo device. Once an isolation is approved, MDE (and the sandbox) keeps
 * it Pending, then InProgress, for 90 s, and Verdict refuses new requests for that device meanwhile;
 * sharing a device would make the tests depend on their order. So: the demo alert's workstation for
 * the approval, the build server's alert for "already under way", and the laptop (reached through
 * the Devices pivot of the FusionCore installer's verdict, never approved here) for the refusals.
 * Four-eyes itself needs someone who may both ask and approve: isolation-four-eyes.e2e.test.ts.
 *
 * MDE itself is the oracle for what was done: the sandbox's machine actions are read through the
 * real MDE client, never inferred from the card under test.
 */
import { DEMO_ALERTS } from '../../src/sandbox/demo-alerts';
import { DEMO_MACHINES } from '../../src/sandbox/demo-machines';
import { DEMO_FILES } from '../../src/sandbox/demo-tenant';
import { type CardHandle, useE2e } from './harness';
import { approveAs, clickOnAuditCard } from './approval-steps';
import { answered, isolationSteps, type IsolationSteps } from './isolation-steps';

jest.setTimeout(120_000);

const WORKSTATION = DEMO_MACHINES.workstation;
const BUILD_SERVER = DEMO_MACHINES.buildServer;
const LAPTOP = DEMO_MACHINES.laptop;
const NOT_APPROVER = "You can't approve this request: that needs the Verdict approver role";

const e2e = useE2e();
let steps: IsolationSteps;
beforeAll(() => {
  steps = isolationSteps(e2e);
});

const cardsInChat = () => e2e.cardsIn(e2e.config.personalChat.id).length;

/**
 * The chat holds no card past the first `count` but the answer to a /help sent now: the bot's
 * posts reach the chat in order, so anything a click posted arrives before that answer.
 */
async function expectNothingPostedAfter(count: number): Promise<void> {
  await e2e.send('/help');
  await e2e.nextBotCard();
  expect(cardsInChat()).toBe(count + 1);
}

/** Alex asks to isolate the laptop from the Devices pivot of the FusionCore installer's verdict. */
async function requestLaptopIsolation(reason: string): Promise<{ pivotText: string; answer: string; approval: CardHandle }> {
  await e2e.send(`/hash ${DEMO_FILES.pua.sha1}`);
  const verdict = await e2e.nextBotCard();
  const pivot = (await e2e.clickCardButton(verdict, 'Devices')).card;
  const pivotText = await e2e.cardText(pivot);
  const answer = await steps.sendIsolationForm(pivot, `Isolate ${LAPTOP.computerDnsName}`, 'Full', reason);
  return { pivotText, answer, approval: await e2e.nextBotCard() };
}

describe('requested and approved', () => {
  test("when Alex requests a selective isolation of the demo alert's device and Megan approves, then the approval card shows the machine action and Megan", async () => {
    const card = await steps.alertCard(DEMO_ALERTS.eicar.alert.id);
    expect(await e2e.cardText(card)).toContain(WORKSTATION.computerDnsName);
    const reason = 'EICAR and a bundled installer on workstation-07 (isolation e2e)';

    const answer = await steps.sendIsolationForm(card, 'Request isolation', 'Selective', reason);
    expect(answer).toContain('Isolation requested');
    const approval = await e2e.nextBotCard();
    const pending = await e2e.cardText(approval);
    expect(pending).toContain('Containment request: isolate a device');
    expect(pending).toContain('Waiting for an approver');
    expect(pending).toContain(WORKSTATION.computerDnsName);
    expect(pending).toContain(WORKSTATION.id);
    expect(pending).toContain('Selective (Outlook, Teams and Skype keep working)');
    expect(pending).toContain('Alex Wilber');
    expect(pending).toContain(reason);
    expect(await steps.isolationsOf(WORKSTATION)).toEqual([]);
    await e2e.screenshot('isolation-approval', approval);

    const approved = await approveAs(e2e, approval, 'Megan Bowen');

    const [action, ...more] = await steps.isolationsOf(WORKSTATION);
    expect(more).toEqual([]);
    expect(action?.scope).toBe('Selective');
    expect(action?.requestorComment).toContain(reason);
    expect(action?.requestorComment).toContain('requested by Alex Wilber');
    const actionId = action?.id ?? 'no machine action in MDE';
    expect(approved).toContain(actionId);
    // What everyone in the chat sees: the posted message, redrawn by the bot.
    const shown = await steps.shownWhen(approval, (t) => t.includes(actionId), `machine action ${actionId}`);
    expect(shown).toContain('Approved by Megan Bowen');
    expect(shown).toMatch(new RegExp(`Machine action id\\s+${actionId}`));
    expect(shown).toMatch(/MDE status\s+(Pending|InProgress|Succeeded)\b/);
    expect(await steps.buttonsOn(approval)).toEqual([]);
    await e2e.screenshot('isolation-approved', approval);
  });

  test('when Alex asks again while the isolation Megan approved is under way, then the card says so, names the machine action, and nothing is posted', async () => {
    const first = await steps.alertCard(DEMO_ALERTS.rareService.alert.id);
    await steps.sendIsolationForm(first, 'Request isolation', 'Full', 'Rare unsigned service on the build server (isolation e2e)');
    const approval = await e2e.nextBotCard();
    await approveAs(e2e, approval, 'Megan Bowen');
    // Alex hears of the decision in the chat; it reaches the page on its own time, so it is read
    // here, or the next command's answer could be taken for it.
    expect(await e2e.cardText(await e2e.nextBotCard())).toMatch(/news on your request to isolate device/);
    const [underWay] = await steps.isolationsOf(BUILD_SERVER);
    expect(underWay?.status).toMatch(/^(Pending|InProgress)$/);

    const again = await steps.alertCard(DEMO_ALERTS.rareService.alert.id);
    const posted = cardsInChat();
    const answer = await steps.sendIsolationForm(again, 'Request isolation', 'Full', 'Asking twice (isolation e2e)');

    expect(answer).toContain(`${DEMO_MACHINES.buildServer.computerDnsName} already has an isolation under way`);
    expect(answer).toContain(`Machine action ${underWay?.id ?? 'missing'}`);
    await expectNothingPostedAfter(posted);
    expect((await steps.isolationsOf(BUILD_SERVER)).map((a) => a.id)).toEqual([underWay?.id]);
    await e2e.screenshot('isolation-already-under-way', again);
  });
});

describe('from the Devices pivot', () => {
  test("when Alex opens a file's Devices pivot, then he can request isolation of a device listed there, and the approval card names that device", async () => {
    const { pivotText, answer, approval } = await requestLaptopIsolation('FusionCore installer on laptop-12 (isolation e2e)');

    expect(pivotText).toContain(LAPTOP.computerDnsName);
    expect(answer).toContain('Isolation requested');
    const text = await e2e.cardText(approval);
    expect(text).toContain('Containment request: isolate a device');
    expect(text).toContain(LAPTOP.computerDnsName);
    expect(text).toContain(LAPTOP.id);
    expect(text).toMatch(/Isolation\s+Full/);
    expect(text).toContain('Waiting for an approver');
  });
});

describe('refused', () => {
  // Alex is a responder, not an approver, in the demo tenant: his click is refused for the role
  // before four-eyes is reached (isolation-four-eyes.e2e.test.ts gives him both roles).
  test('when Alex clicks Approve on his own isolation request in the audit channel, then it says deciding needs the approver role and nothing is isolated', async () => {
    const { approval } = await requestLaptopIsolation('Own approval check (isolation e2e)');
    // His own card offers him Cancel only.
    expect(await steps.buttonsOn(approval)).toEqual(['Cancel request']);

    const text = answered(await clickOnAuditCard(e2e, approval, 'Alex Wilber', 'Approve'));

    expect(text).toContain(NOT_APPROVER);
    expect(text).toContain('Waiting for an approver');
    expect(await steps.isolationsOf(LAPTOP)).toEqual([]);
  });

  test('when Lee (reader) clicks Approve, then the card says deciding needs the approver role and the request still waits', async () => {
    const { approval } = await requestLaptopIsolation('Reader check (isolation e2e)');

    const text = answered(await clickOnAuditCard(e2e, approval, 'Lee Gu', 'Approve'));

    expect(text).toContain(NOT_APPROVER);
    expect(text).toContain('Waiting for an approver');
    expect(await e2e.cardText(approval)).toContain('Waiting for an approver');
    expect(await steps.isolationsOf(LAPTOP)).toEqual([]);
  });

  test('when Diego (no role) sends an isolation request or clicks Approve, then each card says he has no Verdict role', async () => {
    const card = await steps.alertCard(DEMO_ALERTS.eicar.alert.id);
    const { approval } = await requestLaptopIsolation('No-role check (isolation e2e)');
    const posted = cardsInChat();
    const before = (await steps.isolationsOf(WORKSTATION)).length;

    const diego = e2e.asUser('Diego Siciliani');
    const requested = answered(await diego.clickCardButton(card, 'Send for approval', { isolationType: 'Full', reason: 'Diego tries (isolation e2e)' }));
    const approved = answered(await clickOnAuditCard(e2e, approval, 'Diego Siciliani', 'Approve'));

    for (const text of [requested, approved]) expect(text).toContain("You don't have a Verdict role");
    await expectNothingPostedAfter(posted);
    expect(await steps.isolationsOf(WORKSTATION)).toHaveLength(before);
    expect(await steps.isolationsOf(LAPTOP)).toEqual([]);
    expect(await e2e.cardText(approval)).toContain('Waiting for an approver');
  });

  test('when Megan denies the request with a reason, then the card shows it denied by her, with the reason, for everyone', async () => {
    const { approval } = await requestLaptopIsolation('Deny check (isolation e2e)');
    const why = 'Laptop is offline since October; reimage it instead (isolation e2e)';

    const denied = answered(await clickOnAuditCard(e2e, approval, 'Megan Bowen', 'Deny request', { comment: why }));

    expect(denied).toContain('Denied by Megan Bowen');
    const shown = await steps.shownWhen(approval, (t) => t.includes('Denied by Megan Bowen'), 'the denial');
    expect(shown).toContain(why);
    expect(await steps.buttonsOn(approval)).toEqual([]);
    expect(await steps.isolationsOf(LAPTOP)).toEqual([]);
    await e2e.screenshot('isolation-denied', approval);
  });
});
