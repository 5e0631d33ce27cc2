import type { Activity } from 'botbuilder';
import { DEMO_MACHINES } from '../../src/sandbox/demo-machines';
import { DEMO_USERS } from '../../src/sandbox/demo-tenant';
import { CARD_VERBS } from '../../src/cards/card-verbs';
import { NO_BUTTONS } from '../../src/cards/approval-card';
import { approvalCard } from '../support/stored-request';
import { cardOf, cardText } from '../support/card-text';
import { as, cardClick, startConversation, type Conversation } from '../support/conversation';

/*
 * An approved isolation is followed to its final MachineAction status, against the sandbox's real
 * machine actions (which move Pending → InProgress → outcome over real time) through the real
 * MDE client. Verdict's own clock is skewed forward to skip its 5 s first-look delay.
 */
jest.setTimeout(30_000);
const MACHINE = DEMO_MACHINES.workstation.id;
const { megan } = DEMO_USERS;

const requestIdOf = (replies: Partial<Activity>[]) => {
  const approval = replies.find((r) => r.type === 'message' && /Containment request/.test(cardText(cardOf(r))));
  return ((cardOf(approval)?.actions ?? []) as { verb?: string; data?: { requestId?: string } }[]).find((a) => a.verb === CARD_VERBS.containmentApprove)?.data?.requestId ?? '';
};

let conv: Conversation | undefined;
afterEach(async () => {
  await conv?.stop();
  conv = undefined;
});

describe.each(['Succeeded', 'Failed', 'TimeOut', 'Cancelled'] as const)('isolation that ends %s in Defender', (outcome) => {
  it('then Verdict follows it to that status, journals every change, stops asking, and the card says so', async () => {
    let skew = 0;
    conv = await startConversation(
      { SANDBOX_ACTION_PENDING_SECONDS: '0.3', SANDBOX_ACTION_RUNNING_SECONDS: '0.3', SANDBOX_ACTION_OUTCOME: outcome },
      { now: () => Date.now() + skew },
    );
    const service = conv.built.deps.containment?.service;
    if (!service) throw new Error('containment is not wired');
    const requestId = requestIdOf(await conv.send(cardClick(CARD_VERBS.containmentRequestIsolation, { machineId: MACHINE, reason: `follow ${outcome}` })));
    await conv.send(as(megan, cardClick(CARD_VERBS.containmentApprove, { requestId })));

    const seen: string[] = [];
    for (let i = 0; i < 40 && !seen.includes(outcome); i++) {
      skew += 5_000;
      for (const item of await service.followActions()) seen.push(item.request.execution?.mdeStatus ?? '?');
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(seen.at(-1)).toBe(outcome);
    expect(seen.filter((s) => s === outcome)).toHaveLength(1);

    const entries = (await conv.built.journal.read({ since: 0, limit: 100 })).filter((e) => e.type === 'containment.action-status' && e.requestId === requestId);
    expect(entries.map((e) => e.data.to)).toEqual(seen);
    expect(entries.at(-1)?.data).toMatchObject({ final: true, to: outcome, machineId: MACHINE });

    // Final: no more entries however long we wait.
    skew += 60 * 60_000;
    expect(await service.followActions()).toEqual([]);

    const request = await service.get(requestId, conv.built.deps.tenants.allowed[0] ?? '');
    if (!request) throw new Error('request vanished');
    const text = cardText(approvalCard({ request, buttons: NO_BUTTONS }) as never);
    expect(text).toMatch(outcome === 'Succeeded' ? /device isolated/ : new RegExp(`isolation did not happen: machine action \\S+ ended ${outcome}`));
  });
});
