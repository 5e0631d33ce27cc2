/**
 * Four-eyes as `npm start` offers it: Alex (responder) and Megan (approver) each in their own
 * Playground window. Alex asks for a block in his personal chat with Verdict, which no approver can
 * see; Megan finds the request in her team's "Verdict audit" channel, clicks Approve there, and
 * Alex's card shows the indicator. Every step is a click or keystroke in the real UI.
 */
import { DEMO_FILES } from '../../src/sandbox/demo-tenant';
import { DEMO_ALERTS } from '../../src/sandbox/demo-alerts';
import { DEMO_MACHINES } from '../../src/sandbox/demo-machines';
import { requestIdOf, shownWhen } from './approval-steps';
import { clippedText, startApproverWindow, type ApproverWindow } from './approver-window';
import { freePort, startE2e, type E2e } from './harness';
import { isolationSteps } from './isolation-steps';

jest.setTimeout(120_000);

let e2e: E2e;
let megan: ApproverWindow;

beforeAll(async () => {
  let approverPort = 0;
  e2e = await startE2e({
    botConfig: async (alexPort) => {
      approverPort = await freePort([alexPort]);
      return { AUDIT_SERVICE_URL: `http://127.0.0.1:${approverPort}/_connector` };
    },
  });
  megan = await startApproverWindow(e2e, approverPort);
}, 120_000);

afterAll(async () => {
  await megan?.stop();
  await e2e?.stop();
});

test('when Alex asks for a block in his personal chat and Megan approves from the audit channel in her window, then Alex’s card shows the indicator and her card keeps no buttons', async () => {
  await e2e.send(`/hash ${DEMO_FILES.malware.sha256}`);
  const verdict = await e2e.nextBotCard();
  await e2e.clickCardButton(verdict, 'Request block');
  await verdict.root.getByLabel('Why (the approver sees this)').fill('EICAR on workstation-07 (two windows e2e)');
  const sent = await e2e.clickCardButton(verdict, 'Send for approval');
  const confirmation = await e2e.cardText(sent.card);
  const requestId = /Request\s+(\S+)/.exec(confirmation)?.[1] ?? '';
  expect(requestId).toMatch(/^[A-Za-z0-9_-]{8,}$/);
  expect(confirmation).toContain('Approvers decide it in the audit channel');

  const approval = await e2e.nextBotCard();
  const pending = await e2e.cardText(approval);
  expect(pending).toMatch(/Can decide here\s+no approver is in this conversation/);
  // Nobody in Alex's personal chat can approve: he gets Cancel only.
  expect((await approval.root.getByRole('button').allInnerTexts()).map((t) => t.trim())).toEqual(['Cancel request']);

  await megan.openChannel('Verdict audit');
  const request = await megan.cardShowing(requestId);
  const asked = (await request.root.innerText()).trim();
  expect(asked).toContain('Containment requested');
  expect(asked).toContain('Alex Wilber');
  expect(asked).toContain(DEMO_FILES.malware.sha256);
  expect(asked).toContain('EICAR on workstation-07 (two windows e2e)');
  expect(await clippedText(request)).toEqual([]);
  await megan.screenshot('two-windows-audit-request', request);

  await request.root.getByRole('button', { name: 'Approve', exact: true }).click();

  const outcome = await shownWhen(e2e, approval, (t) => /Approved by Megan Bowen: done\. Indicator \S+/.test(t), 'the indicator id in Alex’s window', 30_000);
  const indicator = /done\. Indicator (\S+)/.exec(outcome)?.[1];
  expect(outcome).toMatch(new RegExp(`Indicator id\\s+${indicator}`));
  expect(await approval.root.getByRole('button').count()).toBe(0);
  await e2e.screenshot('two-windows-alex-approved', approval);

  // Alex is told in his chat, and the verdict card he asked from shows where the block stands.
  const news = await e2e.nextBotCard({ timeoutMs: 30_000 });
  expect(await e2e.cardText(news)).toMatch(/news on your request to block file[\s\S]*Approved by Megan Bowen: done\. Indicator/);
  await shownWhen(e2e, verdict, (t) => /Block requested[\s\S]*Status\s+Approved by Megan Bowen: done/.test(t), 'the status on Alex’s verdict card', 30_000);

  // Megan's card in the channel follows the request and keeps no Approve or Deny.
  const root = await megan.cardShowing('Now: Defender accepted', 30_000);
  expect(await megan.buttonsOn(root)).toEqual([]);
  await megan.screenshot('two-windows-audit-decided', root);
});

test('when Alex asks to isolate the alert’s device and Megan approves in her window, then Alex’s card names the machine action Defender started', async () => {
  const steps = isolationSteps(e2e);
  const card = await steps.alertCard(DEMO_ALERTS.eicar.alert.id);
  const confirmation = await steps.sendIsolationForm(card, 'Request isolation', 'Selective', 'Contain workstation-07 (two windows e2e)');
  expect(confirmation).toContain('Isolation requested');
  const approval = await e2e.nextBotCard();
  const requestId = requestIdOf(approval);
  expect(await steps.buttonsOn(approval)).toEqual(['Cancel request']);

  await megan.openChannel('Verdict audit');
  const request = await megan.cardShowing(requestId);
  const asked = (await request.root.innerText()).trim();
  expect(asked).toContain('Isolate a device');
  expect(asked).toContain(DEMO_MACHINES.workstation.computerDnsName);
  expect(asked).toContain(DEMO_MACHINES.workstation.id);
  expect(asked).toContain('Contain workstation-07 (two windows e2e)');
  await request.root.getByRole('button', { name: 'Approve', exact: true }).click();

  const shown = await shownWhen(e2e, approval, (t) => /Approved by Megan Bowen: isolation .* \(machine action [0-9a-f-]{36}\)/.test(t) || t.includes('device isolated'), 'the machine action in Alex’s window', 30_000);
  const [action] = await steps.isolationsOf(DEMO_MACHINES.workstation);
  expect(action?.scope).toBe('Selective');
  expect(shown).toContain(action?.id ?? 'no machine action in MDE');
  expect(await steps.buttonsOn(approval)).toEqual([]);
});

