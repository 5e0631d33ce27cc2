import { DEMO_USERS } from '../../src/sandbox/demo-tenant';
import { cardOf, cardText } from '../support/card-text';
import { as, message, startConversation, type Conversation } from '../support/conversation';

/* The usage card an unknown command gets lists only what this user may run (DESIGN: commands). */
const { megan, lee, diego } = DEMO_USERS;
const readable = async (activity: Parameters<Conversation['send']>[0]) => cardText(cardOf((await conv.send(activity))[0])).replace(/\\(.)/g, '$1');

let conv: Conversation;
beforeAll(async () => {
  conv = await startConversation();
});
afterAll(() => conv.stop());

describe('usage card', () => {
  it('when Alex (responder) types an unknown command, then /audit (approvers only) is not suggested', async () => {
    const text = await readable(message('/nope'));
    expect(text).toMatch(/don't know the command "nope"/);
    expect(text).toMatch(/\/hash[\s\S]*\/alertfiles[\s\S]*\/help/);
    expect(text).not.toMatch(/\/audit/);
  });

  it('when Lee (reader) types nonsense, then no /audit either; when Megan (approver) does, then /audit is offered', async () => {
    expect(await readable(as(lee, message('what is this')))).not.toMatch(/\/audit/);
    expect(await readable(as(megan, message('/nope')))).toMatch(/\/audit/);
  });

  it('when Diego (no role) types nonsense, then only /help is offered, with how to get a role', async () => {
    const text = await readable(as(diego, message('/nope')));
    expect(text).toMatch(/\/help/);
    expect(text).not.toMatch(/\/hash|\/alertfiles|\/audit/);
    expect(text).toMatch(/readers group/);
  });

  it('when the usage card is shown, then it says channels and group chats need an @mention', async () => {
    expect(await readable(message('/nope'))).toMatch(/channel or group chat, @mention Verdict/);
  });
});
