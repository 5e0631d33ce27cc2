import { DEMO_ALERTS, DEMO_UNKNOWN_ALERT_ID } from '../../src/sandbox/demo-alerts';
import { DEMO_FILES } from '../../src/sandbox/demo-tenant';
import { cardOf, cardText } from '../support/card-text';
import { executeActions } from '../support/card-nodes';
import { cardClick, channelMention, invokedCard, message, startConversation, type Conversation } from '../support/conversation';

let conv: Conversation;
beforeAll(async () => {
  // Faults are injected per test: every lookup must reach the sandbox, not the verdict cache.
  conv = await startConversation({ MDE_CACHE_TTL_SECONDS: '0' });
});
afterAll(async () => {
  await conv.stop();
});
afterEach(() => conv.built.sandbox?.faults.clear());

const DEMO_ALERT_ID = DEMO_ALERTS.eicar.alert.id;

const onlyCard = async (text: string) => {
  const replies = await conv.send(message(text));
  expect(replies).toHaveLength(1);
  const card = cardOf(replies[0]);
  return { card, text: cardText(card) };
};

describe('/alertfiles', () => {
  it('when given the demo alert id, then one card shows the alert, its device and its files, malware first', async () => {
    const { card, text } = await onlyCard(`/alertfiles ${DEMO_ALERT_ID}`);
    expect(text).toMatch(/^High severity alert\nEICAR test file detected/);
    expect(text).toContain('Device: workstation-07.verdict-demo.example');
    expect(text).toContain('Files (2)');
    expect(text.indexOf(DEMO_FILES.malware.sha256)).toBeGreaterThan(-1);
    expect(text.indexOf('Malicious')).toBeLessThan(text.indexOf('Suspicious'));
    expect(text).toContain('Virus:DOS/EICAR\\_Test\\_File');
    // The file rows' Details buttons (the card's own actions, e.g. Respond on this device, carry other data).
    expect(executeActions(card).filter((a) => a.verb === 'file.verdict').map((a) => a.data.sha)).toEqual([DEMO_FILES.malware.sha256, DEMO_FILES.pua.sha256]);
    expect(JSON.stringify(card)).toContain(`"url":"https://security.microsoft.com/alerts/${DEMO_ALERT_ID}"`);
  });

  it('when a file row’s Details is clicked, then that file’s verdict card comes back', async () => {
    const { card } = await onlyCard(`/alertfiles ${DEMO_ALERT_ID}`);
    const [details] = executeActions(card);
    const replies = await conv.send(cardClick(details?.verb ?? '', details?.data ?? {}));
    expect(cardText(invokedCard(replies))).toMatch(/^Malicious\n/);
  });

  it('when the bot is @mentioned in a channel, then the alert card comes back', async () => {
    const replies = await conv.send(channelMention(`/alertfiles ${DEMO_ALERTS.rareService.alert.id}`));
    expect(cardText(cardOf(replies[0]))).toMatch(/Suspicious service registration/);
  });

  it('when MDE has no alert with that id, then the card says so and mentions retention', async () => {
    const { text } = await onlyCard(`/alertfiles ${DEMO_UNKNOWN_ALERT_ID}`);
    expect(text).toMatch(/^No alert with that id \(or it is outside MDE's retention period\)/);
  });

  it('when the id is malformed, then the usage card answers and MDE is not asked', async () => {
    const before = conv.built.sandbox?.stats().apiCalls;
    const { text } = await onlyCard('/alertfiles ../../machines/isolate');
    expect(text).toMatch(/doesn't look like an MDE alert id/);
    expect(conv.built.sandbox?.stats().apiCalls).toBe(before);
  });

  it('when the id is missing, then the usage card asks for one', async () => {
    expect((await onlyCard('/alertfiles')).text).toMatch(/Give me the id of an MDE alert/);
  });

  it('when MDE refuses the alert lookup, then the failure card names the permission', async () => {
    conv.built.sandbox?.faults.inject({ family: 'alerts', type: 'status', status: 403, code: 'Forbidden', times: 3 });
    const { text } = await onlyCard(`/alertfiles ${DEMO_ALERT_ID}`);
    expect(text).toMatch(/missing a Defender permission/);
    expect(text).toContain('Alert.Read.All');
  });

  it('when /help is sent, then it lists /alertfiles', async () => {
    expect((await onlyCard('/help')).text).toContain('/alertfiles');
  });

  it('when a responder opens Request block on the alert, then the form lists its files; the PUA is already blocked, the EICAR file goes to an approver', async () => {
    const { card } = await onlyCard(`/alertfiles ${DEMO_ALERT_ID}`);
    type Node = { type?: string; title?: string; id?: string; verb?: string; data?: unknown; choices?: { title: string; value: string }[]; card?: { body?: Node[]; actions?: Node[] } };
    const form = ((card as unknown as { actions?: Node[] }).actions ?? []).find((a) => a.type === 'Action.ShowCard' && a.title === 'Request block');
    const picker = form?.card?.body?.find((b) => b.id === 'sha');
    expect(picker?.choices?.map((c) => c.value)).toEqual([DEMO_FILES.malware.sha256, DEMO_FILES.pua.sha256]);
    expect(picker?.choices?.[0]?.title).toMatch(/^Malicious · Virus:DOS\/EICAR_Test_File · 275a021bbfb6…$/);
    const send = form?.card?.actions?.[0];
    // The hash comes from the picker: the button itself carries none.
    expect(send).toMatchObject({ verb: 'containment.request-block', data: {} });

    const inputs = { action: 'Block', severity: 'High', expiryDays: '30', title: 'Verdict: file from alert', description: 'From the alert', reason: 'Seen on workstation-07' };
    const pua = await conv.send(cardClick(String(send?.verb), { ...inputs, sha: DEMO_FILES.pua.sha256 }));
    expect(cardText(invokedCard(pua))).toContain('Already blocked by indicator #994');
    const replies = await conv.send(cardClick(String(send?.verb), { ...inputs, sha: DEMO_FILES.malware.sha256 }));
    const approval = replies.find((r) => r.type === 'message' && /Containment request/.test(cardText(cardOf(r))));
    if (!approval) throw new Error(cardText(invokedCard(replies)));
    expect(cardText(cardOf(approval))).toContain(DEMO_FILES.malware.sha256);
    expect(cardText(cardOf(approval))).toMatch(/Verdict\s+Malicious/);
  });
});
