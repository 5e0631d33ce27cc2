/**
 * Approving while Defender is slow, in the Teams client (Agents Playground in Chromium). Teams gives
 * a click 5-15 s; Verdict answers it within 4 s with "executing…" and redraws the posted card for
 * everyone when Defender answers. Here the sandbox holds the indicator POST for 6 s.
 */
import { DEMO_FILES } from '../../src/sandbox/demo-tenant';
import { answered, clickOnAuditCard, shownWhen, STILL_RUNNING } from './approval-steps';
import { useE2e } from './harness';

jest.setTimeout(90_000);

const e2e = useE2e();

test('when Defender takes 6 s to create the indicator, then Megan’s click is answered at once with "executing…" and the card then shows the indicator for everyone', async () => {
  await e2e.send(`/hash ${DEMO_FILES.malware.sha256}`);
  const verdict = await e2e.nextBotCard();
  await e2e.clickCardButton(verdict, 'Request block');
  await verdict.root.getByLabel('Why (the approver sees this)').fill('Slow Defender (e2e)');
  await e2e.clickCardButton(verdict, 'Send for approval');
  const approval = await e2e.nextBotCard();

  const sandbox = e2e.bot.sandbox;
  if (!sandbox) throw new Error('no sandbox');
  const before = sandbox.stats().byFamily.indicators ?? 0;
  sandbox.faults.inject({ family: 'indicators', type: 'latency', ms: 6_000 });
  const answer = answered(await clickOnAuditCard(e2e, approval, 'Megan Bowen', 'Approve'));

  expect(answer).toContain('Approved by Megan Bowen: executing in Defender');
  // Answered before Defender was: the answer cannot hold the indicator yet.
  expect(answer).toContain(STILL_RUNNING);
  expect(answer).not.toMatch(/Indicator \d+/);
  expect(await e2e.cardText(approval)).toContain('executing in Defender');

  const shown = await shownWhen(e2e, approval, (t) => /done\. Indicator \S+/.test(t), 'the indicator id', 30_000);
  expect(shown).toMatch(/Approved by Megan Bowen: done\. Indicator \S+/);
  expect((sandbox.stats().byFamily.indicators ?? 0) - before).toBe(1);
  await e2e.screenshot('approval-slow-defender', approval);
});
