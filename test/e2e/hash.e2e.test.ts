/**
 * /hash and /help as an analyst uses them: typed into the Teams client (Agents Playground) in
 * Chromium, answered by Verdict running against its embedded MDE sandbox. Assertions read the
 * rendered card, as a person would; screenshots of the main cards go to docs/screenshots when
 * E2E_SCREENSHOTS=1.
 */
import { DEMO_FILES } from '../../src/sandbox/demo-tenant';
import { useE2e } from './harness';
import { ask } from './card-steps';
import { textContrast } from './contrast';

jest.setTimeout(60_000);

const e2e = useE2e();

test('when Alex asks for /help, then the card lists the commands he can use', async () => {
  const { card, text } = await ask(e2e, '/help');

  expect(text).toContain('Alex Wilber');
  expect(text).toMatch(/\/hash\b/);
  expect(text).toMatch(/\/help\b/);
  await e2e.screenshot('help', card);
});

test('when Alex looks up the EICAR SHA-256, then the card says Malicious and names the threat', async () => {
  const { card, text } = await ask(e2e, `/hash ${DEMO_FILES.malware.sha256}`);

  expect(text).toContain('Malicious');
  expect(text).toContain('Virus:DOS/EICAR_Test_File');
  expect(text).toContain(DEMO_FILES.malware.sha256);
  await e2e.screenshot('verdict-malicious', card);
});

test('when Alex looks up a SHA-256, then the whole hash is visible on the verdict card, not cut off', async () => {
  const { card } = await ask(e2e, `/hash ${DEMO_FILES.malware.sha256}`);

  expect(await e2e.clippedText(card)).toEqual([]);
});

test('when Alex opens Details on a verdict, then it shows the fields behind the verdict', async () => {
  const { card, text } = await ask(e2e, `/hash ${DEMO_FILES.malware.sha256}`);

  const details = await e2e.openShowCard(card, 'Details');

  expect(details).toMatch(/Determination type\s+Malware/);
  expect(details).toMatch(/Determination value\s+Virus:DOS\/EICAR_Test_File/);
  expect(details).toMatch(/You asked for\s+SHA-256/);
  expect(details).toMatch(/Queried hash\s+275a021b/);
  // Details adds to the card; it does not repeat what was already on it.
  expect(text).not.toContain('Determination type');
  await e2e.screenshot('verdict-details-open', card);
});

test('when Alex looks up a Microsoft-signed binary, then the card says Clean', async () => {
  const { card, text } = await ask(e2e, `/hash ${DEMO_FILES.clean.sha256}`);

  expect(text).toContain('Clean');
  expect(text).not.toContain('Malicious');
  expect(text).toContain('Microsoft');
  await e2e.screenshot('verdict-clean', card);
});

test('when Alex looks up a file MDE has no verdict on, then the card says Unknown', async () => {
  const { card, text } = await ask(e2e, `/hash ${DEMO_FILES.unknown.sha256}`);

  expect(text).toContain('Unknown');
  expect(text).not.toMatch(/Malicious|Clean/);
  await e2e.screenshot('verdict-unknown', card);
});

test('when Alex sends an MD5, then hunting resolves it and the card is the verdict of the SHA-256 it resolved to, saying where it was seen', async () => {
  const { card, text } = await ask(e2e, `/hash ${DEMO_FILES.malware.md5}`);

  expect(text).toMatch(/Malicious/);
  expect(text).toContain(`MD5 ${DEMO_FILES.malware.md5} resolved through advanced hunting`);
  expect(text).toContain(DEMO_FILES.malware.sha256);
  await e2e.screenshot('md5', card);
});

test('when Alex sends /hash with no hash in it, then he gets the usage card', async () => {
  const { card, text } = await ask(e2e, '/hash hello');

  expect(text).toMatch(/could not find a SHA-256, SHA-1 or MD5/i);
  expect(text).toContain('/hash <SHA-256');
  await e2e.screenshot('usage', card);
});

test('when Lee Gu asks for /help from his own account, then the bot answers him, not Alex', async () => {
  await e2e.asUser('Lee Gu').send('/help');
  const card = await e2e.nextBotCard();

  const text = await e2e.cardText(card);
  expect(text).toContain('Lee Gu');
  expect(text).not.toContain('Alex Wilber');
});

test('when Alex looks up a Suspicious and a Clean file, then their labels and the threat name read at 4.5:1 or better (WCAG AA)', async () => {
  // The Agents Playground renders cards in one (light) host theme and has no theme switch; dark
  // themes are covered by the unit rule that no text is yellow or green (cards-contrast.test.ts).
  const pua = await ask(e2e, `/hash ${DEMO_FILES.pua.sha256}`);
  const clean = await ask(e2e, `/hash ${DEMO_FILES.clean.sha256}`);
  const ratios = [await textContrast(pua.card, 'Suspicious'), await textContrast(pua.card, `Threat: ${DEMO_FILES.pua.file.determinationValue ?? ''}`), await textContrast(clean.card, 'Clean')];
  for (const ratio of ratios) expect(ratio).toBeGreaterThanOrEqual(4.5);
});
