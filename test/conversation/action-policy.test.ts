import type { Activity } from 'botbuilder';
import { CARD_VERBS } from '../../src/cards/card-verbs';
import { ConfigError } from '../../src/config-error';
import { DEMO_MACHINES } from '../../src/sandbox/demo-machines';
import { cardOf, cardText } from '../support/card-text';
import { cardClick, invokedCard, startConversation, type Conversation } from '../support/conversation';

/* ACTION_POLICY, as main.ts wires it: a kind run without an approver, and a policy for no kind. */
jest.setTimeout(30_000);
const MACHINE = DEMO_MACHINES.workstation.id;

let conv: Conversation | undefined;
afterEach(() => conv?.stop());

const approvalOf = (replies: Partial<Activity>[]) => replies.find((r) => r.type === 'message' && /Containment request/.test(cardText(cardOf(r))));

describe('ACTION_POLICY', () => {
  it('when isolation needs no approval, then asking for it sends it to Defender at once, journaled as approved by policy, with nothing left to click', async () => {
    conv = await startConversation({ ACTION_POLICY: 'isolate-device=responder:none' });
    const replies = await conv.send(cardClick(CARD_VERBS.containmentRequestIsolation, { machineId: MACHINE, isolationType: 'Full', reason: 'EICAR on the workstation' }));
    expect(cardText(invokedCard(replies))).toMatch(/Isolation requested[\s\S]*Approved by policy \(no approval needed\): isolation pending in Defender/);
    const approval = cardOf(approvalOf(replies));
    expect(cardText(approval)).toMatch(/Approved by\npolicy \(no approval needed\)/);
    expect(JSON.stringify(approval)).not.toMatch(/containment\.(approve|deny|cancel|view)/);
    const entries = await conv.built.journal.read();
    expect(entries.map((e) => e.type)).toEqual(['containment.requested', 'containment.approved', 'containment.executing', 'containment.succeeded']);
    expect(entries[0]?.data).toMatchObject({ approval: 'none' });
    expect(entries[1]).toMatchObject({ actor: { name: 'verdict' }, data: { byPolicy: true } });
  });

  it('when it names a kind Verdict does not run, then Verdict does not start, naming the setting and the kinds it runs', async () => {
    const started = startConversation({ ACTION_POLICY: 'av-scan=responder:none' });
    await expect(started).rejects.toBeInstanceOf(ConfigError);
    await expect(started).rejects.toThrow(/ACTION_POLICY[\s\S]*av-scan[\s\S]*block-file, isolate-device/);
  });
});
