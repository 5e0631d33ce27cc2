import type { Activity } from 'botbuilder';
import { CARD_VERBS } from '../../src/cards/card-verbs';
import { DEMO_FILES, DEMO_USERS } from '../../src/sandbox/demo-tenant';
import { DEMO_ALERTS } from '../../src/sandbox/demo-alerts';
import { syntheticMachineName } from '../../src/sandbox/synthetic-machines';
import { cardOf, cardText } from '../support/card-text';
import { executeActions } from '../support/card-nodes';
import { as, cardClick, invokedCard, message, startConversation, type Conversation } from '../support/conversation';

/*
 * Device response over a set, through the real bot and the sandbox: AV scan runs at once for a
 * responder (policy), isolation waits for an approver, and every device's machine action is
 * followed to its end. Verdict's clock is skewed forward to skip the follower's first-look delay.
 */
jest.setTimeout(90_000);
const { megan, lee } = DEMO_USERS;
const NAMES = Array.from({ length: 5 }, (_, i) => syntheticMachineName(100 + i));

let conv: Conversation;
let skew = 0;
beforeAll(async () => {
  conv = await startConversation({ SANDBOX_ACTION_PENDING_SECONDS: '0.2', SANDBOX_ACTION_RUNNING_SECONDS: '0.2' }, { now: () => Date.now() + skew });
});
afterAll(async () => {
  await conv.stop();
});

const lastCard = (replies: Partial<Activity>[]) => cardOf(replies[replies.length - 1]);
const texts = (replies: Partial<Activity>[]) => replies.map((r) => cardText(cardOf(r))).join('\n');
/** The request id from the approval card's "Request" fact (escaped for markdown there). */
const requestIdIn = (text: string) => (/\nRequest\n([A-Za-z0-9\\_-]+)/.exec(text)?.[1] ?? '').replace(/\\/g, '');

async function setCard(who = DEMO_USERS.alex) {
  return lastCard(await conv.send(as(who, message(`/devices ${NAMES.join(' ')}`))));
}

/** Waits for the bulk run, then lets the follower read its end; returns the request as stored. */
async function finish(requestId: string) {
  await conv.built.deps.devices?.runs?.idle();
  const service = conv.built.deps.containment.service;
  const tenant = conv.built.deps.tenants.allowed[0] ?? '';
  // Small steps: the MDE client reads a 201 created 5 minutes before "now" as an old action.
  for (let i = 0; i < 10 && !(await service.get(requestId, tenant))?.execution?.mdeStatus?.startsWith('Completed'); i++) {
    skew += 6_000;
    await service.followActions();
  }
  return service.get(requestId, tenant);
}

describe('device actions on a set', () => {
  it('when a responder runs an AV scan, then it runs at once by policy and every device is scanned', async () => {
    const form = executeActions(await setCard()).find((a) => a.verb === 'devices.request-av-scan');
    expect(form?.title).toBe('Run now');
    const replies = await conv.send(cardClick(form?.verb ?? '', { ...form?.data, scanType: 'Full', reason: 'IR-13 sweep' }));
    const text = texts(replies);
    expect(cardText(invokedCard(replies))).toContain('Antivirus scan: started on 5 devices');
    expect(text).toContain('Run by policy');
    const request = await finish(requestIdIn(text));
    expect(request).toMatchObject({ state: 'succeeded', decision: { byPolicy: true }, execution: { mdeStatus: 'Completed: 5 ok, 0 already pending, 0 failed' } });
    const scans = await conv.built.mde.devices.listActions({ type: 'RunAntiVirusScan' });
    expect(scans.filter((a) => (a.requestorComment ?? '').includes(request?.id ?? '?'))).toHaveLength(5);
    expect(scans.every((a) => a.scope === 'Full')).toBe(true);
    // Each device's final outcome is journaled, batched (one entry here), in the request's thread.
    const outcomes = (await conv.built.journal.read({ since: 0, limit: 1000 })).filter((e) => e.requestId === request?.id && Array.isArray(e.data.deviceOutcomes));
    expect(outcomes).toHaveLength(1);
    expect((outcomes[0]?.data.deviceOutcomes as { outcome: string; mdeStatus: string }[]).map((o) => o.mdeStatus)).toEqual(Array(5).fill('Succeeded'));

    // /actions: the request device by device, one device's actions, and the tenant's recent ones.
    const byRequest = texts(await conv.send(message(`/actions ${request?.id}`)));
    expect(byRequest).toContain('Scanning (Full) 5 devices: 5 accepted. In Defender: 5 succeeded.');
    expect(byRequest).toMatch(new RegExp(`${NAMES[0]?.replace(/\./g, '\\.')}: Succeeded \\(machine action`));
    const byDevice = texts(await conv.send(message(`/actions ${NAMES[0]}`)));
    expect(byDevice).toContain(`Machine actions on ${NAMES[0]}`);
    expect(byDevice).toMatch(/RunAntiVirusScan · Succeeded/);
    expect(texts(await conv.send(message('/actions')))).toContain('Machine actions in Defender, last 24 hours');
  });

  it('when a responder asks to isolate 5 devices, then an approver approves once, all are isolated, and released the same way', async () => {
    const isolate = executeActions(await setCard()).find((a) => a.verb === 'devices.request-isolate');
    expect(isolate?.title).toBe('Send for approval');
    const asked = texts(await conv.send(cardClick(isolate?.verb ?? '', { ...isolate?.data, isolationType: 'Full', reason: 'IR-13 contain' })));
    expect(asked).toContain('Waiting for an approver');
    expect(asked).toMatch(/Device response: isolate devices[\s\S]*Devices\n5 \(From a pasted list of 5 entries\.\)/);
    const requestId = requestIdIn(asked);
    await conv.send(as(megan, cardClick(CARD_VERBS.containmentApprove, { requestId })));
    expect(await finish(requestId)).toMatchObject({ state: 'succeeded', execution: { mdeStatus: 'Completed: 5 ok, 0 already pending, 0 failed' } });
    expect(cardText(await setCard())).toMatch(/(Isolated[\s\S]*){5}/);

    const release = executeActions(await setCard()).find((a) => a.verb === 'devices.request-release');
    const releaseId = requestIdIn(texts(await conv.send(cardClick(release?.verb ?? '', { ...release?.data, reason: 'IR-13 clean' }))));
    await conv.send(as(megan, cardClick(CARD_VERBS.containmentApprove, { requestId: releaseId })));
    expect(await finish(releaseId)).toMatchObject({ state: 'succeeded' });
    expect(cardText(await setCard())).not.toContain('Isolated');
  });

  it('when an isolation of devices waits for approval, then a release of any of them is refused, naming it, until it is denied', async () => {
    const others = Array.from({ length: 3 }, (_, i) => syntheticMachineName(200 + i));
    const card = async (names: string[]) => lastCard(await conv.send(message(`/devices ${names.join(' ')}`)));
    const isolate = executeActions(await card(others)).find((a) => a.verb === 'devices.request-isolate');
    const isolateId = requestIdIn(texts(await conv.send(cardClick(isolate?.verb ?? '', { ...isolate?.data, isolationType: 'Full', reason: 'IR-14 contain' }))));
    expect(isolateId).not.toBe('');

    // One device in common is enough; nothing is stored, nothing reaches Defender, the refusal is journaled.
    const before = (await conv.built.mde.devices.listActions({ type: 'Unisolate' })).length;
    const release = executeActions(await card([others[2] ?? '', NAMES[4] ?? ''])).find((a) => a.verb === 'devices.request-release');
    const refused = await conv.send(cardClick(release?.verb ?? '', { ...release?.data, reason: 'IR-14 clean' }));
    const text = cardText(invokedCard(refused));
    // Card text is markdown-escaped: an id's underscores show as `\\_`.
    expect(text).toContain('Release from isolation not requested: an isolation waits for approval on this device');
    expect(text).toContain(`Verdict request ${isolateId.replace(/_/g, '\\_')} (isolation, asked by ${DEMO_USERS.alex.name}) is waiting for an approver and covers device ${others[2]}. Opposite actions are never in flight together on one device.`);
    expect(text).toContain('run /devices without those devices');
    const journal = await conv.built.journal.read({ since: 0, limit: 5000 });
    expect(journal.at(-1)).toMatchObject({ type: 'containment.refused', data: { verb: 'request', reason: 'conflicting-request', detail: { kind: 'device-release', conflict: { requestId: isolateId } } } });
    expect((await conv.built.mde.devices.listActions({ type: 'Unisolate' })).length).toBe(before);

    // Denied: it no longer holds the devices.
    await conv.send(as(megan, cardClick(CARD_VERBS.containmentDeny, { requestId: isolateId, comment: 'not now' })));
    const again = texts(await conv.send(cardClick(release?.verb ?? '', { ...release?.data, reason: 'IR-14 clean' })));
    expect(again).toContain('Waiting for an approver');
  });

  it('when a collection is approved and succeeds, then only an approver gets package link buttons, and the link is fetched on click', async () => {
    const collect = executeActions(await setCard()).find((a) => a.verb === 'devices.request-collect');
    const requestId = requestIdIn(texts(await conv.send(cardClick(collect?.verb ?? '', { ...collect?.data, reason: 'IR-13 forensics' }))));
    await conv.send(as(megan, cardClick(CARD_VERBS.containmentApprove, { requestId })));
    expect(await finish(requestId)).toMatchObject({ state: 'succeeded' });
    expect(executeActions(lastCard(await conv.send(message(`/actions ${requestId}`)))).filter((a) => a.verb === 'devices.package-link')).toEqual([]);
    const approverView = (await conv.send(as(megan, message(`/actions ${requestId}`)))).map((r) => cardOf(r));
    const buttons = approverView.flatMap((c) => executeActions(c)).filter((a) => a.verb === 'devices.package-link');
    expect(buttons).toHaveLength(5);
    const refused = await conv.send(cardClick(buttons[0]?.verb ?? '', buttons[0]?.data ?? {}));
    expect(JSON.stringify(refused)).not.toContain('blob.core.windows.net');
    const link = await conv.send(as(megan, cardClick(buttons[0]?.verb ?? '', buttons[0]?.data ?? {})));
    expect(JSON.stringify(link)).toMatch(/"type":"Action.OpenUrl","title":"Download package","url":"https:\/\/[^"]+\.zip\?/);
  });

  it('when every device with a file is acted on from the Devices pivot, then stop-and-quarantine carries the file’s SHA-1 to each', async () => {
    const pivot = await conv.send(cardClick(CARD_VERBS.fileDevices, { sha: DEMO_FILES.pua.sha1 }));
    const actOnAll = executeActions(invokedCard(pivot)).find((a) => a.verb === 'devices.from-file');
    expect(actOnAll?.title).toBe('Act on these devices');
    const replies = await conv.send(cardClick(actOnAll?.verb ?? '', actOnAll?.data ?? {}));
    const set = replies.map((r) => cardOf(r)).find((c) => /found in Defender/.test(cardText(c)));
    expect(cardText(set)).toContain(`Every device that has the file with SHA-1 ${DEMO_FILES.pua.sha1}.`);
    expect(JSON.stringify(set)).toContain(`"id":"sha1","label":"SHA-1 of the file","value":"${DEMO_FILES.pua.sha1}"`);
    const quarantine = executeActions(set).find((a) => a.verb === 'devices.request-quarantine');
    const requestId = requestIdIn(texts(await conv.send(cardClick(quarantine?.verb ?? '', { ...quarantine?.data, sha1: DEMO_FILES.pua.sha1, reason: 'IR-13 PUA' }))));
    await conv.send(as(megan, cardClick(CARD_VERBS.containmentApprove, { requestId })));
    expect(await finish(requestId)).toMatchObject({ state: 'succeeded', execution: { mdeStatus: 'Completed: 2 ok, 0 already pending, 0 failed' } });
    const actions = (await conv.built.mde.devices.listActions({ type: 'StopAndQuarantineFile' })).filter((a) => (a.requestorComment ?? '').includes(requestId));
    expect(actions.map((a) => a.relatedFileInfo?.fileIdentifier)).toEqual([DEMO_FILES.pua.sha1, DEMO_FILES.pua.sha1]);
  });

  it('when Respond on this device is clicked on /alertfiles, then the alert’s device comes as a set, the quarantine form holding the malware’s SHA-1', async () => {
    const alert = lastCard(await conv.send(message(`/alertfiles ${DEMO_ALERTS.eicar.alert.id}`)));
    const respond = executeActions(alert).find((a) => a.verb === CARD_VERBS.devicesFromAlert);
    expect(respond?.title).toBe('Respond on this device');
    const replies = await conv.send(cardClick(respond?.verb ?? '', respond?.data ?? {}));
    const set = replies.map((r) => cardOf(r)).find((c) => /found in Defender/.test(cardText(c)));
    expect(cardText(set)).toContain('workstation-07.verdict-demo.example');
    expect(JSON.stringify(set)).toContain(`"id":"sha1","label":"SHA-1 of the file","value":"${DEMO_FILES.malware.sha1}"`);
  });

  it('when a reader or an approver without the responder role looks at a set, then no action is offered, and a forged click is refused', async () => {
    expect(executeActions(await setCard(lee)).filter((a) => a.verb.startsWith('devices.request'))).toEqual([]);
    const card = await setCard(megan);
    expect(executeActions(card).filter((a) => a.verb.startsWith('devices.request'))).toEqual([]);
    const setId = String(executeActions(await setCard()).find((a) => a.verb === 'devices.request-av-scan')?.data.setId);
    const before = (await conv.built.mde.devices.listActions({ type: 'RunAntiVirusScan' })).length;
    const replies = await conv.send(as(lee, cardClick('devices.request-av-scan', { setId, reason: 'x' })));
    expect(texts(replies)).not.toContain('started');
    expect((await conv.built.mde.devices.listActions({ type: 'RunAntiVirusScan' })).length).toBe(before);
  });
});
