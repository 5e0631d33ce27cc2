import { DEMO_FILES } from '../../src/sandbox/demo-tenant';
import { cardText } from '../support/card-text';
import { cardClick, invokedCard, startConversation, type Conversation } from '../support/conversation';

let conv: Conversation;
beforeAll(async () => {
  conv = await startConversation();
});
afterAll(async () => {
  await conv.stop();
});
afterEach(() => conv.built.sandbox?.faults.clear());

const click = async (verb: string, data: Record<string, unknown>) => cardText(invokedCard(await conv.send(cardClick(verb, data))));

describe('file pivots on a verdict card', () => {
  it('when Devices is clicked for EICAR, then the verdict card lists workstation-07', async () => {
    const text = await click('file.devices', { sha: DEMO_FILES.malware.sha1 });
    expect(text).toMatch(/^Malicious\n/);
    expect(text).toMatch(/Devices with this file \(1\)\nworkstation-07\.verdict-demo\.example/);
  });

  it('when Alerts is clicked for EICAR, then the verdict card lists the demo alert', async () => {
    const text = await click('file.alerts', { sha: DEMO_FILES.malware.sha1 });
    expect(text).toMatch(/Alerts with this file \(1\)\nEICAR test file detected\nHigh severity · New/);
  });

  it('when In our org is clicked for the clean file, then its org prevalence shows', async () => {
    const text = await click('file.stats', { sha: DEMO_FILES.clean.sha1 });
    expect(text).toContain('In our org (last 30 days)');
    expect(text).toMatch(/Devices in the org\n\d+/);
  });

  it('when Devices is clicked for the rare unknown binary, then its one build server shows', async () => {
    expect(await click('file.devices', { sha: DEMO_FILES.unknown.sha1 })).toMatch(/^Unknown\n[\s\S]*Devices with this file \(1\)\nbuild-server-02/);
  });

  it('when the data is forged (a SHA-256, extra fields), then the button is refused without calling MDE', async () => {
    const before = conv.built.sandbox?.stats().apiCalls;
    const text = await click('file.devices', { sha: DEMO_FILES.malware.sha256, machineId: 'x', role: 'approver' });
    expect(text).toMatch(/^This button is not valid/);
    expect(conv.built.sandbox?.stats().apiCalls).toBe(before);
  });

  it('when the data has no sha, then the button is refused', async () => {
    expect(await click('file.alerts', {})).toMatch(/^This button is not valid/);
  });

  it('when the device lookup is forbidden, then the failure card names Machine.Read.All', async () => {
    conv.built.sandbox?.faults.inject({ family: 'files', type: 'status', status: 403, code: 'Forbidden', times: 2 });
    const text = await click('file.devices', { sha: DEMO_FILES.pua.sha1 });
    expect(text).toMatch(/missing a Defender permission/);
  });
});
