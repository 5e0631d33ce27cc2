/**
 * /alertfiles as an analyst uses it in the Teams client (Agents Playground in Chromium), answered
 * by Verdict against its embedded MDE sandbox. Screenshots go to docs/screenshots when
 * E2E_SCREENSHOTS=1.
 */
import { DEMO_ALERTS, DEMO_UNKNOWN_ALERT_ID } from '../../src/sandbox/demo-alerts';
import { DEMO_FILES } from '../../src/sandbox/demo-tenant';
import { useE2e } from './harness';
import { ask, tallScreenshot } from './card-steps';

jest.setTimeout(60_000);

const e2e = useE2e();

const DEMO_ALERT_ID = DEMO_ALERTS.eicar.alert.id;

test('when Alex asks for the demo alert, then the card shows the alert, its device and its files, malware first', async () => {
  const { card, text } = await ask(e2e, `/alertfiles ${DEMO_ALERT_ID}`);

  expect(text).toContain('High severity alert');
  expect(text).toContain('EICAR test file detected');
  expect(text).toContain('workstation-07.verdict-demo.example');
  expect(text).toContain(DEMO_FILES.malware.sha256);
  expect(text).toContain('Virus:DOS/EICAR_Test_File');
  expect(text.indexOf('Malicious')).toBeLessThan(text.indexOf('Suspicious'));
  expect(await e2e.clippedText(card)).toEqual([]);
  await tallScreenshot(e2e, 'alert-files', card);
});

test("when Alex clicks a file's Details on the alert card, then the card becomes that file's verdict", async () => {
  const { card } = await ask(e2e, `/alertfiles ${DEMO_ALERT_ID}`);

  const clicked = await e2e.clickCardButton(card, `Details ${DEMO_FILES.pua.sha256.slice(0, 8)}`);

  const text = await e2e.cardText(clicked.card);
  expect(text).toMatch(/^Suspicious/);
  expect(text).toContain('PUA:Win32/FusionCore');
});

test('when Alex asks for an alert MDE does not have, then the card says so', async () => {
  const { text } = await ask(e2e, `/alertfiles ${DEMO_UNKNOWN_ALERT_ID}`);

  expect(text).toContain("No alert with that id (or it is outside MDE's retention period)");
});

test('when Alex opens Request block on the alert card and picks the EICAR file, then the approval card asks to block that file', async () => {
  const { card } = await ask(e2e, `/alertfiles ${DEMO_ALERT_ID}`);
  await e2e.openShowCard(card, 'Request block');
  // The file is chosen from a list of the alert's files (a Fluent combobox; options open outside the card).
  await card.root.getByRole('combobox', { name: /^File/ }).click();
  const options = (await e2e.page.getByRole('option').allInnerTexts()).map((t) => t.trim());
  expect(options).toEqual([expect.stringMatching(/^Malicious · Virus:DOS\/EICAR_Test_File · 275a021bbfb6…/), expect.stringMatching(/^Suspicious · PUA:Win32\/FusionCore · bf5753407642…/)]);
  await e2e.page.getByRole('option', { name: /^Malicious/ }).click();
  await card.root.getByLabel('Why (the approver sees this)').fill('EICAR on workstation-07 (alert files e2e)');
  const sent = await e2e.clickCardButton(card, 'Send for approval');
  expect(await e2e.cardText(sent.card)).toContain('Block requested');

  const approval = await e2e.nextBotCard();
  const text = await e2e.cardText(approval);
  expect(text).toContain('Containment request: block a file');
  expect(text).toContain(DEMO_FILES.malware.sha256);
  expect(text).toContain('EICAR on workstation-07 (alert files e2e)');
});
