import type { Activity } from 'botbuilder';
import { DEMO_USERS } from '../../src/sandbox/demo-tenant';
import { cardOf, cardText } from '../support/card-text';
import { as, BOT, channelMention, message, startConversation, type Conversation } from '../support/conversation';

/* The welcome when Verdict is installed or first opened, through the real bot and the sandbox's Graph roles. */
const { megan, diego } = DEMO_USERS;

/** Teams announces an install with both events; the Agents Playground sends both too. */
function installEvents(base: Partial<Activity>): Partial<Activity>[] {
  const { text: _text, entities: _entities, ...rest } = base;
  return [
    { ...rest, type: 'installationUpdate', action: 'add' },
    { ...rest, type: 'conversationUpdate', membersAdded: [{ id: rest.from?.id ?? '29:x', name: rest.from?.name ?? '' }, BOT] },
  ];
}

/** Card text with the markdown escapes taken out, as the user reads it. */
const readable = (activity: Partial<Activity> | undefined) => cardText(cardOf(activity)).replace(/\\(.)/g, '$1');

let conv: Conversation;
beforeAll(async () => {
  conv = await startConversation();
});
afterAll(() => conv.stop());

async function install(base: Partial<Activity>): Promise<Partial<Activity>[]> {
  const replies: Partial<Activity>[] = [];
  for (const activity of installEvents(base)) replies.push(...(await conv.send(activity)));
  return replies.filter((r) => r.type === 'message');
}

describe('welcome', () => {
  it('when Alex (responder) installs Verdict in his personal chat, then one welcome says what it does and lists only what he may do', async () => {
    const replies = await install(message('', { conversation: { id: 'a:alex-welcome', conversationType: 'personal', isGroup: false, name: '' } }));
    expect(replies).toHaveLength(1);
    const text = readable(replies[0]);
    expect(text).toMatch(/Welcome to Verdict, Alex Wilber/);
    expect(text).toMatch(/Defender for Endpoint/);
    expect(text).toMatch(/Your Verdict roles: responder, reader/);
    expect(text).toMatch(/\/hash/);
    expect(text).toMatch(/\/alertfiles/);
    expect(text).not.toMatch(/\/audit/);
    expect(text).toMatch(/Request block/);
  });

  it('when Megan (approver) opens Verdict, then her welcome lists /audit and how she decides', async () => {
    const replies = await install(as(megan, message('', { conversation: { id: 'a:megan-welcome', conversationType: 'personal', isGroup: false, name: '' } })));
    const text = readable(replies[0]);
    expect(text).toMatch(/\/audit/);
    expect(text).toMatch(/approve or deny/);
  });

  it('when Diego (no role) opens Verdict, then the welcome says he has no role and how to get one', async () => {
    const replies = await install(as(diego, message('', { conversation: { id: 'a:diego-welcome', conversationType: 'personal', isGroup: false, name: '' } })));
    const text = readable(replies[0]);
    expect(text).toMatch(/no Verdict role[\s\S]*readers group/);
    expect(text).not.toMatch(/\/hash/);
    expect(text).not.toMatch(/no role source/);
  });

  it('when Verdict is added to a team, then the channel gets one welcome that says to @mention it and names nobody\'s roles', async () => {
    const replies = await install(channelMention(''));
    expect(replies).toHaveLength(1);
    const text = readable(replies[0]);
    expect(text).toMatch(/@mention Verdict/);
    expect(text).toMatch(/\/help/);
    expect(text).not.toMatch(/Your Verdict roles/);
    expect(text).not.toMatch(/Alex/);
  });

  it('when Verdict is added to a group chat, then the welcome says a group chat needs an @mention', async () => {
    const groupChat = message('', { conversation: { id: '19:group@thread.v2', conversationType: 'groupChat', isGroup: true, name: '' } });
    const text = readable((await install(groupChat))[0]);
    expect(text).toMatch(/channel or group chat, @mention Verdict/);
  });

  it('when the app is only upgraded, or installed from another tenant, then no welcome is posted', async () => {
    const upgrade = { ...message('', { conversation: { id: 'a:upgrade', conversationType: 'personal', isGroup: false, name: '' } }), type: 'installationUpdate', action: 'add-upgrade', text: undefined };
    expect((await conv.send(upgrade)).filter((r) => r.type === 'message')).toEqual([]);
    const other = message('', { conversation: { id: 'a:other-tenant', conversationType: 'personal', isGroup: false, name: '' }, channelData: { tenant: { id: '0b1e2c3d-0000-4000-8000-000000000001' } } });
    expect(await install(other)).toEqual([]);
  });
});
