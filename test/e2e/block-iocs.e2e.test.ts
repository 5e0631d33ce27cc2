/**
 * An advisory's network IoCs blocked from the Teams client (Agents Playground in Chromium): Alex
 * pastes them, the coverage card offers "Block the 3 not covered", one approval card for the set,
 * Megan approves, and the card says all three are in Defender.
 */
import { approveAs } from './approval-steps';
import { useE2e } from './harness';

jest.setTimeout(90_000);

const e2e = useE2e();

test('when Alex pastes an advisory\'s network IoCs and asks to block the uncovered ones, then Megan approves one card and all three are imported', async () => {
  await e2e.send('C2: hxxp://evil-dl[.]top/a.exe 45.13.227[.]12 evil-c2(.)top and 10.0.0.5');
  const coverage = await e2e.nextBotCard();
  const text = await e2e.cardText(coverage);
  expect(text).toMatch(/^Coverage of 4 IoCs/);
  expect(text).toContain('Custom indicators: 1 of 15,000 used. Blocking the 3 not covered would bring it to 4.');

  await e2e.clickCardButton(coverage, 'Block the 3 not covered');
  await coverage.root.getByLabel('Why (the approver sees this)').fill('TA-2026-12 campaign (e2e)');
  const sent = await e2e.clickCardButton(coverage, 'Send for approval');
  expect(sent.kind).toBe('execute');

  const approval = await e2e.nextBotCard();
  const pending = await e2e.cardText(approval);
  expect(pending).toContain('add 3 custom indicators');
  expect(pending).toContain('TA-2026-12 campaign (e2e)');
  await e2e.screenshot('block-iocs-approval', approval);

  const outcome = await approveAs(e2e, approval, 'Megan Bowen');
  expect(outcome).toContain('Approved by Megan Bowen: done, 3/3 in Defender.');
});
