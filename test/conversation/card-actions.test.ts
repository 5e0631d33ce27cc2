import type { Activity } from 'botbuilder';
import { cardOf, cardText } from '../support/card-text';
import { message, startConversation, type Conversation } from '../support/conversation';

let conv: Conversation;
beforeAll(async () => {
  conv = await startConversation();
});
afterAll(async () => {
  await conv.stop();
});

const invoke = (action: Record<string, unknown>): Partial<Activity> =>
  message('', { type: 'invoke', name: 'adaptiveCard/action', text: undefined, value: { action, trigger: 'manual' } });

interface InvokeBody {
  statusCode: number;
  type: string;
  value: unknown;
}
const invokeResponse = (replies: Partial<Activity>[]) => {
  const response = replies.find((r) => r.type === 'invokeResponse');
  expect(response).toBeDefined();
  return (response?.value as { status: number; body: InvokeBody }) ?? { status: 0, body: undefined };
};

describe('card actions', () => {
  it('when a card sends an unknown verb, then the clicker gets an error card, not an exception', async () => {
    const { status, body } = invokeResponse(await conv.send(invoke({ type: 'Action.Execute', verb: 'containment.nuke', data: {} })));
    expect(status).toBe(200);
    expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(cardText(body.value)).toMatch(/not supported/);
  });

  it('when the invoke carries a forged non-string verb, then it is treated as unknown', async () => {
    const { body } = invokeResponse(await conv.send(invoke({ type: 'Action.Execute', verb: { $gt: '' }, data: { role: 'approver' } })));
    expect(cardText(body.value)).toMatch(/not supported/);
  });

  it('when the action is not Action.Execute, then botbuilder answers 400 NotSupported', async () => {
    const { status } = invokeResponse(await conv.send(invoke({ type: 'Action.Submit', verb: 'x' })));
    expect(status).toBe(400);
  });

  it('when an old client sends an Action.Submit message, then the clicked card is replaced in place', async () => {
    conv.adapter.activeQueue.splice(0, conv.adapter.activeQueue.length, { type: 'message', id: 'card-1', text: 'old card' });
    await conv.adapter.processActivity(message('', { text: undefined, value: { verb: 'nope' }, replyToId: 'card-1' }));
    const queue = conv.adapter.activeQueue.splice(0);
    expect(queue).toHaveLength(1);
    expect(queue[0]?.id).toBe('card-1');
    expect(cardText(cardOf(queue[0]))).toMatch(/not supported/);
  });
});
