import { conversationLink } from '../../src/cards/teams-links';
import { channelOf, rootIdOf } from '../../src/util/thread-id';

const CHANNEL = '19:abc@thread.tacv2';

describe('Teams thread ids', () => {
  it.each([
    [`${CHANNEL};messageid=1700000000000`, CHANNEL, '1700000000000'],
    [CHANNEL, CHANNEL, undefined],
    ['a:personal-chat', 'a:personal-chat', undefined],
    [`${CHANNEL};messageid=`, CHANNEL, undefined],
    [`${CHANNEL};messageid=1;other`, CHANNEL, undefined],
  ])('when the id is %j, then its channel is %j and its root %j', (id, channel, root) => {
    expect(channelOf(id)).toBe(channel);
    expect(rootIdOf(id)).toBe(root);
  });

  it('when a thread id is well formed, then its link opens the root message in its channel', () => {
    expect(conversationLink(`${CHANNEL};messageid=17`)).toBe(`https://teams.microsoft.com/l/message/${encodeURIComponent(CHANNEL)}/17?parentMessageId=17`);
  });

  it.each([`${CHANNEL};x;messageid=17`, `${CHANNEL};messageid=abc`, `19:a;b@thread.tacv2;messageid=17`, `${CHANNEL};messageid=${'1'.repeat(21)}`])(
    'when a thread id is malformed (%j), then it gets no message link',
    (id) => {
      expect(conversationLink(id) ?? '').not.toContain('/l/message/');
    },
  );
});
