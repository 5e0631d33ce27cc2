import { DEMO_FILES, DEMO_USERS } from '../../src/sandbox/demo-tenant';
import { CARD_VERBS } from '../../src/cards/card-verbs';
import { cardOf, cardText } from '../support/card-text';
import { as, cardClick, invokedCard, message, startConversation, type Conversation } from '../support/conversation';

/* Roles through the real bot: the sandbox's Graph (checkMemberGroups) with the demo groups. */
const SHA = DEMO_FILES.malware.sha256;
const { lee, diego, megan } = DEMO_USERS;

let conv: Conversation;
beforeAll(async () => {
  conv = await startConversation();
});
afterAll(() => conv.stop());

const textOf = async (activity: Parameters<Conversation['send']>[0]) => cardText(cardOf((await conv.send(activity))[0]));

describe('roles', () => {
  it('when Lee (reader) asks for a hash, then he gets the verdict', async () => {
    expect(await textOf(as(lee, message(`/hash ${SHA}`)))).toMatch(/Malicious/);
  });

  it('when Diego (no role) asks for a hash, then he is refused and told how to get access', async () => {
    expect(await textOf(as(diego, message(`/hash ${SHA}`)))).toMatch(/You don't have a Verdict role[\s\S]*readers group/);
  });

  it('when Diego pastes a bare hash or clicks a file button, then he is refused too', async () => {
    expect(await textOf(as(diego, message(SHA)))).toMatch(/don't have a Verdict role/);
    expect(cardText(invokedCard(await conv.send(as(diego, cardClick(CARD_VERBS.fileVerdict, { sha: SHA })))))).toMatch(/don't have a Verdict role/);
  });

  it('when someone unknown to the directory writes, then they are refused', async () => {
    const stranger = { name: 'Mallory', aadObjectId: '0badf00d-0000-4000-8000-000000000000' };
    expect(await textOf(as(stranger, message(`/hash ${SHA}`)))).toMatch(/don't have a Verdict role/);
  });

  it('when a message has no Entra object id, then no role is assumed', async () => {
    expect(await textOf(message(`/hash ${SHA}`, { from: { id: '29:x', name: 'Lee Gu' } }))).toMatch(/don't have a Verdict role/);
  });

  it("when a demo user's id comes from another tenant, then the bot refuses the tenant", async () => {
    const other = { tenant: { id: '0b1e2c3d-0000-4000-8000-000000000001' } };
    expect(await textOf(as(megan, message(`/hash ${SHA}`, { channelData: other })))).toMatch(/not allowed to use Verdict/);
  });

  it('when each user asks for /help, then it names their roles and only what they may do', async () => {
    expect(await textOf(message('/help'))).toMatch(/Your Verdict roles: responder, reader/);
    const forDiego = await textOf(as(diego, message('/help')));
    expect(forDiego).toMatch(/Your Verdict roles: no Verdict role[\s\S]*readers group/);
    expect(forDiego).not.toMatch(/\/hash/);
    expect(await textOf(as(lee, message('/help')))).toMatch(/Your Verdict roles: reader[\s\S]*\/hash/);
  });
});

describe('roles with ROLES_DEFAULT=reader', () => {
  it('when Diego (no grant) asks for a hash, then he gets the verdict as a reader', async () => {
    const c = await startConversation({ ROLES_DEFAULT: 'reader' });
    try {
      expect(cardText(cardOf((await c.send(as(diego, message(`/hash ${SHA}`))))[0]))).toMatch(/Malicious/);
    } finally {
      await c.stop();
    }
  });
});

describe('when Graph refuses the role lookup', () => {
  it('then the card names the missing Graph permissions', async () => {
    const c = await startConversation();
    try {
      c.built.sandbox?.faults.inject({ family: 'graph', type: 'status', status: 403, code: 'Authorization_RequestDenied' });
      const text = cardText(cardOf((await c.send(as(lee, message(`/hash ${SHA}`))))[0]));
      expect(text).toMatch(/couldn't check your role[\s\S]*GroupMember\.Read\.All[\s\S]*User\.Read\.All/);
    } finally {
      await c.stop();
    }
  });
});
