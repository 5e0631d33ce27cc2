/**
 * An approved isolation followed to its end, in the Teams client (Agents Playground in Chromium):
 * nobody clicks after Megan approves, yet the posted approval card turns into "device isolated"
 * (a proactive update through the Playground's connector) and the request's audit thread gets the
 * final MachineAction status. The sandbox ends machine actions after 1 s Pending + 2 s InProgress.
 */
import { DEMO_ALERTS } from '../../src/sandbox/demo-alerts';
import { DEMO_MACHINES } from '../../src/sandbox/demo-machines';
import { AUDIT_CHANNEL_ID, useE2e } from './harness';
import { approveAs } from './approval-steps';
import { isolationSteps, type IsolationSteps } from './isolation-steps';
import { cardTexts } from '../support/card-nodes';

jest.setTimeout(120_000);

const e2e = useE2e({ botConfig: { SANDBOX_ACTION_PENDING_SECONDS: '1', SANDBOX_ACTION_RUNNING_SECONDS: '2', SANDBOX_ACTION_OUTCOME: 'Succeeded' } });
let steps: IsolationSteps;
beforeAll(() => {
  steps = isolationSteps(e2e);
});

// An entry's title is its card's first text (inside the container that carries its tone).
const titleOf = (content: unknown) => cardTexts(content)[0] ?? '';

test('when Megan approves an isolation, then without any click the card shows the device isolated and the audit thread ends with the final status', async () => {
  const card = await steps.alertCard(DEMO_ALERTS.eicar.alert.id);
  await steps.sendIsolationForm(card, 'Request isolation', 'Full', 'Follow it through (isolation follow e2e)');
  const approval = await e2e.nextBotCard();
  await approveAs(e2e, approval, 'Megan Bowen');

  const [action] = await steps.isolationsOf(DEMO_MACHINES.workstation);
  const actionId = action?.id ?? 'no machine action in MDE';
  const shown = await steps.shownWhen(approval, (t) => t.includes('device isolated'), '"device isolated"', 45_000);
  expect(shown).toContain(`Approved by Megan Bowen: device isolated (machine action ${actionId} succeeded).`);
  expect(shown).toMatch(/MDE status\s+Succeeded \(as of /);
  expect((await steps.isolationsOf(DEMO_MACHINES.workstation)).map((a) => a.status)).toEqual(['Succeeded']);
  await e2e.screenshot('isolation-followed', approval);

  const cards = await e2e.waitForCardsIn(AUDIT_CHANNEL_ID, (all) => all.some((c) => titleOf(c.content) === 'Isolation: Succeeded in Defender'), 'the audit thread to reach the final status', 30_000);
  const roots = cards.filter((c) => c.conversationId === AUDIT_CHANNEL_ID);
  expect(roots.map((c) => titleOf(c.content))).toEqual(['Containment requested']);
  const thread = cards.filter((c) => c.conversationId === `${AUDIT_CHANNEL_ID};messageid=${roots[0]?.messageId}`).map((c) => titleOf(c.content));
  expect(thread.slice(-2)).toEqual(['Defender accepted', 'Isolation: Succeeded in Defender']);
  // The root card let approvers decide from the channel; decided, it is redrawn with where the request stands and no buttons.
  const root = await e2e.waitForCardsIn(AUDIT_CHANNEL_ID, (all) => JSON.stringify(all.find((c) => c.conversationId === AUDIT_CHANNEL_ID)?.content).includes('Now: Isolation: Succeeded in Defender'), 'the root to show the final status', 15_000);
  expect(JSON.stringify(root.find((c) => c.conversationId === AUDIT_CHANNEL_ID)?.content)).not.toContain('"verb":"containment.approve"');
});
