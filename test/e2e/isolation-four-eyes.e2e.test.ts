/**
 * Four-eyes on isolation in the Teams client (Agents Playground in Chromium). In the demo tenant
 * nobody both requests and approves, so an own approval is refused for the role before four-eyes
 * is reached. Here the responders' group is also an approvers' group (an on-call rota where every
 * responder may approve), through the real Graph role lookup against the sandbox: Alex then holds
 * both roles and only the four-eyes rule stops him approving or denying his own request.
 */
import { DEMO_ALERTS } from '../../src/sandbox/demo-alerts';
import { DEMO_MACHINES } from '../../src/sandbox/demo-machines';
import { DEMO_GROUPS } from '../../src/sandbox/demo-tenant';
import { useE2e } from './harness';
import { approveAs, clickOnAuditCard } from './approval-steps';
import { answered, isolationSteps, type IsolationSteps } from './isolation-steps';

jest.setTimeout(120_000);

const FOUR_EYES = "You can't approve or deny your own request: another approver must decide (four-eyes rule).";
const WORKSTATION = DEMO_MACHINES.workstation;

const e2e = useE2e({
    botConfig: {
      ROLE_GROUPS_READER: DEMO_GROUPS.reader,
      ROLE_GROUPS_RESPONDER: DEMO_GROUPS.responder,
      ROLE_GROUPS_APPROVER: `${DEMO_GROUPS.approver},${DEMO_GROUPS.responder}`,
    },
  });
let steps: IsolationSteps;
beforeAll(() => {
  steps = isolationSteps(e2e);
});

test('when Alex, responder and approver, approves or denies his own isolation request from the audit channel, then it is refused (four-eyes) until Megan approves it', async () => {
  const card = await steps.alertCard(DEMO_ALERTS.eicar.alert.id);
  expect(await steps.sendIsolationForm(card, 'Request isolation', 'Full', 'Four-eyes check (isolation e2e)')).toContain('Isolation requested');
  const approval = await e2e.nextBotCard();

  // Nobody else is in his personal chat, and he may not decide his own request: he gets Cancel only.
  expect(await steps.buttonsOn(approval)).toEqual(['Cancel request']);
  expect(await e2e.cardText(approval)).toMatch(/Can decide here\s+no approver is in this conversation/);
  // From the audit channel, where approvers decide, his own approval and denial are refused.
  const own = answered(await clickOnAuditCard(e2e, approval, 'Alex Wilber', 'Approve'));
  expect(own).toContain(FOUR_EYES);
  expect(own).toContain('Waiting for an approver');
  const denied = answered(await clickOnAuditCard(e2e, approval, 'Alex Wilber', 'Deny request', { comment: 'My own call (isolation e2e)' }));
  expect(denied).toContain(FOUR_EYES);
  expect(await steps.isolationsOf(WORKSTATION)).toEqual([]);

  const approved = await approveAs(e2e, approval, 'Megan Bowen');

  const [action] = await steps.isolationsOf(WORKSTATION);
  expect(action?.scope).toBe('Full');
  expect(approved).toContain(action?.id ?? 'no machine action in MDE');
  const shown = await steps.shownWhen(approval, (t) => t.includes('Approved by Megan Bowen'), "Megan's approval");
  expect(shown).toContain(action?.id ?? 'no machine action in MDE');
});
