/**
 * A pasted advisory as an analyst sends it in the Teams client (Agents Playground in Chromium):
 * the "Looking up N hashes…" message is updated in place into the summary; a row's Details opens
 * the verdict, whose Devices button adds the devices that have the file. Screenshots go to
 * docs/screenshots when E2E_SCREENSHOTS=1.
 */
import { createHash } from 'node:crypto';
import { DEMO_FILES, DEMO_NOT_FOUND_SHA256 } from '../../src/sandbox/demo-tenant';
import { type CardHandle, useE2e } from './harness';
import { tallScreenshot } from './card-steps';

jest.setTimeout(60_000);

const e2e = useE2e();

const unseen = (i: number) => createHash('sha256').update(`e2e-advisory-${i}`).digest('hex');

/** 25 hashes: the four demo files, one MDE never saw, 18 more unseen, an MD5, and a repeat. */
const HASHES = [
  DEMO_FILES.malware.sha256,
  DEMO_FILES.pua.sha1,
  DEMO_FILES.clean.sha256,
  DEMO_FILES.unknown.sha256,
  DEMO_NOT_FOUND_SHA256,
  ...Array.from({ length: 18 }, (_, i) => unseen(i)),
  DEMO_FILES.malware.md5,
  DEMO_FILES.clean.sha1,
];

/** The progress message, once it has become the summary (the bot updates it in place). */
async function summaryOf(card: CardHandle): Promise<string> {
  let text = await e2e.cardText(card);
  for (let waited = 0; !text.startsWith('Verdicts for') && waited < 10_000; waited += 100) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    text = await e2e.cardText(card);
  }
  return text;
}

test('when Alex pastes an advisory on one line, then the progress message becomes a summary, most dangerous first', async () => {
  await e2e.send(`/hash ${HASHES.slice(0, 12).join(', ')} ${HASHES.slice(12).join(' ')} ${DEMO_FILES.malware.sha256.toUpperCase()}`);
  const card = await e2e.nextBotCard();

  const text = await summaryOf(card);

  // The MD5 is the malware's and the SHA-1 the clean file's: one row per file, 23 files.
  expect(text).toMatch(/^Verdicts for 25 hashes \(23 files\)/);
  expect(text).toMatch(/Malicious\s+1/);
  expect(text).toMatch(/Suspicious\s+1/);
  expect(text).toMatch(/Clean\s+1/);
  expect(text).toMatch(/Not found\s+19/);
  expect(text.indexOf('Virus:DOS/EICAR_Test_File')).toBeLessThan(text.indexOf('PUA:Win32/FusionCore'));
  await tallScreenshot(e2e, 'advisory-summary', card);

  // Then the coverage card: the malware detected, the PUA under the portal's block, the quota.
  const coverage = await e2e.nextBotCard();
  const covered = await e2e.cardText(coverage);
  expect(covered).toMatch(/^Coverage of 23 IoCs/);
  expect(covered).toMatch(/Detected by Defender's own detection\s+1/);
  expect(covered).toMatch(/Under a custom indicator\s+1/);
  expect(covered).toContain('Custom indicators: 1 of 15,000 used. Blocking the 21 not covered would bring it to 22.');
});

test('when Alex pastes a multi-line advisory, then it is summarised the same way', async () => {
  const advisory = ['Indicators (TA-2025-11):', ...HASHES.map((h, i) => `${i + 1}. ${h}`), 'End of list.'].join('\n');
  await e2e.asUser('Alex Wilber').send(`/hash ${advisory}`);
  const card = await e2e.nextBotCard();

  expect(await summaryOf(card)).toMatch(/^Verdicts for 25 hashes/);
});

test('when Alex clicks Details on the malware row and then Devices, then he sees the verdict in a new message, the summary stays, and he sees where the file is', async () => {
  await e2e.send(`/hash ${HASHES.join(' ')}`);
  const summary = await e2e.nextBotCard();
  const before = await summaryOf(summary);
  // The coverage card follows the summary; the verdict Details opens comes after it.
  expect(await e2e.cardText(await e2e.nextBotCard())).toMatch(/^Coverage of/);

  const clicked = await e2e.clickCardButton(summary, `Details ${DEMO_FILES.malware.sha256.slice(0, 8)}`);
  expect(clicked.response?.type).toBe('application/vnd.microsoft.activity.message');
  const verdict = { card: await e2e.nextBotCard() };
  expect(await e2e.cardText(summary)).toBe(before);
  const verdictText = await e2e.cardText(verdict.card);
  expect(verdictText).toMatch(/^Malicious/);
  expect(verdictText).toContain('Virus:DOS/EICAR_Test_File');

  const devices = await e2e.clickCardButton(verdict.card, 'Devices');
  const devicesText = await e2e.cardText(devices.card);
  expect(devicesText).toContain('Devices with this file (1)');
  expect(devicesText).toContain('workstation-07.verdict-demo.example');
  await e2e.screenshot('verdict-devices', devices.card);
});
