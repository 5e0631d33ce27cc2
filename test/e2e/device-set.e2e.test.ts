/**
 * Device response at scale (issue 13) in the Teams client (Agents Playground in Chromium): Alex
 * (responder) finds devices with `/devices query …`; an AV scan runs at once for him (policy);
 * isolating them waits for Megan (approver), who approves once in the audit channel; the request's
 * card shows the progress until "Completed", the set card then shows every device isolated, and
 * releasing them goes the same way. The sandbox ends machine actions after 1 s Pending + 2 s
 * InProgress; the bulk follower's first look is 5 s after the run starts.
 */
import { approveAs, requestIdOf, shownWhen } from './approval-steps';
import { tallScreenshot } from './card-steps';
import { type CardHandle, useE2e } from './harness';

jest.setTimeout(120_000);

const QUERY = 'DeviceInfo | where DeviceName startswith "fleet-020" | take 5';
const REASON = "Why (journaled; it goes into Defender's comment)";
const FLEET = /fleet-020\d\.verdict-demo\.example/g;

const e2e = useE2e({ botConfig: { SANDBOX_ACTION_PENDING_SECONDS: '1', SANDBOX_ACTION_RUNNING_SECONDS: '2', SANDBOX_ACTION_OUTCOME: 'Succeeded' } });

const buttonsOn = async (card: CardHandle) => (await card.root.getByRole('button').allInnerTexts()).map((t) => t.trim()).filter((t) => t !== '');

/** `/devices query …` as Alex: the "running the query" card, then the set card. */
async function setCard(): Promise<{ card: CardHandle; text: string }> {
  await e2e.send(`/devices query ${QUERY}`);
  for (let seen = 0; ; seen++) {
    const card = await e2e.nextBotCard({ timeoutMs: 30_000 });
    const text = await e2e.cardText(card);
    // The query's progress note, and news about an earlier request, come first: skip them.
    if (seen >= 4 || /found in Defender/.test(text)) return { card, text };
  }
}

/** Opens `action`'s form on the set card, gives a reason, sends it; the card it was replaced with. */
async function request(set: CardHandle, action: string, button: string, reason: string): Promise<string> {
  await e2e.openShowCard(set, action);
  await set.root.getByLabel(REASON).fill(reason);
  const sent = await e2e.clickCardButton(set, button);
  expect(sent.kind).toBe('execute');
  return e2e.cardText(sent.card);
}

/** The request's own card (posted after the answer), once it reads "Completed". */
async function completed(requestCard: CardHandle, what: string): Promise<string> {
  return shownWhen(e2e, requestCard, (t) => /Completed: 5 ok/.test(t), `${what} completed`, 45_000);
}

test('when Alex queries devices, scans them at once, and isolates and releases them with Megan’s approval, then each card shows the counts, the progress and the isolation state', async () => {
  // The set card: the count, the query (with the suffix it needed), five rows, the actions of a responder.
  const first = await setCard();
  expect(first.text).toContain('5 devices found in Defender');
  expect(first.text).toContain('From an advanced hunting query:');
  expect(first.text).toContain(QUERY);
  expect(first.text).toContain('| distinct DeviceName, DeviceId');
  expect(first.text.match(FLEET)).toHaveLength(5);
  expect(first.text).not.toMatch(/\bIsolated\b/);
  // Eight actions: like Teams (6 primary actions), the Playground shows six and puts the rest behind "...".
  const offered = await buttonsOn(first.card);
  expect(offered).toEqual(expect.arrayContaining(['Antivirus scan', 'Isolate', 'Release from isolation']));
  expect(await e2e.clippedText(first.card)).toEqual([]);
  await tallScreenshot(e2e, 'device-set-card', first.card);

  // AV scan: a responder's action that runs at once; the request card counts its way to "Completed".
  const started = await request(first.card, 'Antivirus scan', 'Run now', 'IR-13 sweep (device set e2e)');
  expect(started).toContain('Antivirus scan: started on 5 devices');
  const scanCard = await e2e.nextBotCard();
  expect(await e2e.cardText(scanCard)).toContain('Run by policy');
  const scanned = await completed(scanCard, 'the scan');
  expect(scanned).toContain('Run by policy: Completed: 5 ok, 0 already pending, 0 failed.');
  await tallScreenshot(e2e, 'device-set-scan-completed', scanCard);

  // Isolate: waits for an approver; Alex cannot decide it; Megan approves once for all five.
  const second = await setCard();
  const asked = await request(second.card, 'Isolate', 'Send for approval', 'IR-13 contain (device set e2e)');
  expect(asked).toContain('Isolate requested for 5 devices');
  const approval = await e2e.nextBotCard();
  const pending = await e2e.cardText(approval);
  expect(pending).toContain('Device response: isolate devices');
  expect(pending).toMatch(/Devices\s+5 \(advanced hunting query: DeviceInfo/);
  expect(pending).toContain('Waiting for an approver');
  expect(await buttonsOn(approval)).toEqual(['Cancel request']);
  await tallScreenshot(e2e, 'device-set-isolate-requested', approval);
  requestIdOf(approval); // the card names its request, so Megan's click in the channel finds it

  const approved = await approveAs(e2e, approval, 'Megan Bowen');
  expect(approved).toContain('Approved by Megan Bowen');
  const isolated = await completed(approval, 'the isolation');
  expect(isolated).toContain('Approved by Megan Bowen: Completed: 5 ok, 0 already pending, 0 failed.');
  expect(await buttonsOn(approval)).toEqual([]);
  await tallScreenshot(e2e, 'device-set-isolate-completed', approval);

  const after = await setCard();
  expect(after.text.match(/\bIsolated\b/g)).toHaveLength(5);
  await tallScreenshot(e2e, 'device-set-isolated', after.card);

  // Release them the same way: asked by Alex, approved by Megan, followed to "Completed".
  expect(await request(after.card, 'Release from isolation', 'Send for approval', 'IR-13 clean (device set e2e)')).toContain('Release from isolation requested for 5 devices');
  const release = await e2e.nextBotCard();
  expect(await e2e.cardText(release)).toContain('Device response: release from isolation');
  await approveAs(e2e, release, 'Megan Bowen');
  expect(await completed(release, 'the release')).toContain('Approved by Megan Bowen: Completed: 5 ok');

  const released = await setCard();
  expect(released.text).not.toMatch(/\bIsolated\b/);
  expect(released.text.match(/Not isolated/g)).toHaveLength(5);
  await tallScreenshot(e2e, 'device-set-released', released.card);
});

test('when Alex asks to release devices whose isolation still waits for an approver, then the card refuses it, naming that request and the device in common', async () => {
  const names = [210, 211].map((n) => `fleet-0${n}.verdict-demo.example`);
  const listCard = async (list: string[]) => {
    await e2e.send(`/devices ${list.join(' ')}`);
    for (let seen = 0; ; seen++) {
      const card = await e2e.nextBotCard({ timeoutMs: 30_000 });
      if (seen >= 4 || /found in Defender/.test(await e2e.cardText(card))) return card;
    }
  };
  expect(await request(await listCard(names), 'Isolate', 'Send for approval', 'IR-13 hold (conflict e2e)')).toContain('Isolate requested for 2 devices');
  const approval = await e2e.nextBotCard();
  const isolateId = requestIdOf(approval);

  const releaseSet = await listCard([names[1] as string]);
  await e2e.openShowCard(releaseSet, 'Release from isolation');
  await releaseSet.root.getByLabel(REASON).fill('IR-13 too early (conflict e2e)');
  const sent = await e2e.clickCardButton(releaseSet, 'Send for approval');
  const refused = await e2e.cardText(sent.card);
  expect(refused).toContain('Release from isolation not requested: an isolation waits for approval on this device');
  expect(refused.replace(/\\_/g, '_')).toContain(`Verdict request ${isolateId} (isolation, asked by Alex Wilber) is waiting for an approver and covers device ${names[1]}. Opposite actions are never in flight together on one device.`);
  expect(await e2e.clippedText(sent.card)).toEqual([]);
  await tallScreenshot(e2e, 'device-set-conflict-refused', sent.card);
});
