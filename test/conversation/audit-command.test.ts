import { DEMO_USERS } from '../../src/sandbox/demo-tenant';
import { cardOf, cardText } from '../support/card-text';
import { message, startConversation, type Conversation } from '../support/conversation';

let conv: Conversation;
beforeAll(async () => {
  conv = await startConversation();
  for (let i = 1; i <= 12; i++) {
    await conv.built.journal.append({ type: i % 2 ? 'containment.requested' : 'containment.approved', actor: { name: i === 12 ? '**Mallory**' : 'Alex Wilber' }, requestId: `req-${i}`, data: { reason: `case ${i}` } });
  }
});
afterAll(async () => {
  await conv.stop();
});

const as = (user: keyof typeof DEMO_USERS) => ({ from: { id: `29:${user}`, name: DEMO_USERS[user].name, aadObjectId: DEMO_USERS[user].aadObjectId } });
const textOf = async (text: string, user: keyof typeof DEMO_USERS) => cardText(cardOf((await conv.send(message(text, as(user))))[0]));

describe('/audit', () => {
  it('when an approver asks for the last 5 entries, then the newest five are listed newest first, escaped', async () => {
    const text = await textOf('/audit 5', 'megan');
    expect(text).toContain('Last 5 audit entries');
    const seqs = [...text.matchAll(/#(\d+) /g)].map((m) => Number(m[1]));
    expect(seqs).toEqual([12, 11, 10, 9, 8]);
    expect(text).toContain('\\*\\*Mallory\\*\\*');
    expect(text).toContain('request req-12');
  });

  it('when an approver looks at the trail, then the look itself is journaled first: who, which entries', async () => {
    const before = conv.built.journal.head().seq;
    await textOf('/audit 3', 'megan');
    const [entry] = await conv.built.journal.read({ since: before, limit: 5 });
    expect(entry).toMatchObject({ type: 'command.run', actor: { name: DEMO_USERS.megan.name, aadObjectId: DEMO_USERS.megan.aadObjectId }, data: { command: '/audit', shown: 3, toSeq: before } });
  });

  it('when no count is given, then the last 10 are shown', async () => {
    expect([...(await textOf('/audit', 'megan')).matchAll(/#(\d+) /g)]).toHaveLength(10);
  });

  it.each(['0', '51', 'ten', '-3'])('when the count is %j, then a usage card says what is allowed', async (n) => {
    expect(await textOf(`/audit ${n}`, 'megan')).toMatch(/from 1 to 50/);
  });

  it.each(['alex', 'lee', 'diego'] as const)('when %s (not an approver) asks, then nothing from the journal is shown', async (user) => {
    const text = await textOf('/audit', user);
    expect(text).not.toMatch(/audit entries/);
    expect(text).not.toContain('req-');
  });
});
