import { DEMO_FILES, DEMO_TENANT_ID } from '../../src/sandbox/demo-tenant';
import { DEPLOY_GUIDE_ROLES_STEP } from '../../src/app/access';
import { CARD_VERBS } from '../../src/cards/card-verbs';
import { cardOf, cardText } from '../support/card-text';
import { cardClick, invokedCard, message, startConversation, type Conversation } from '../support/conversation';

/*
 * A live deployment with neither ROLES_FILE nor ROLE_GROUPS_* (the admin followed the guide but
 * skipped roles): nobody has a role, and every answer must tell the admin exactly what to set.
 * MDE is never reached (every turn is refused before it), so its base URL points nowhere.
 */
const LIVE_WITHOUT_ROLES = {
  MDE_MODE: 'live',
  MDE_TENANT_ID: DEMO_TENANT_ID,
  MDE_CLIENT_ID: '6d1b5a1e-0000-4000-8000-000000000001',
  MDE_CLIENT_SECRET: 'not-used-by-this-test',
  MDE_API_BASE_URL: 'http://127.0.0.1:9',
};
const SETTINGS = /no role source configured[\s\S]*ROLE_GROUPS_READER[\s\S]*ROLE_GROUPS_RESPONDER[\s\S]*ROLE_GROUPS_APPROVER[\s\S]*ROLES_FILE[\s\S]*deploy\/README\.md\), step (\d+)/;
const readable = (card: unknown) => cardText(card).replace(/\\(.)/g, '$1');

let conv: Conversation;
beforeAll(async () => {
  conv = await startConversation(LIVE_WITHOUT_ROLES);
});
afterAll(() => conv.stop());

describe('no role source configured', () => {
  it('when the admin types /hash, then the refusal names the settings to set and the guide step that creates the groups', async () => {
    const text = readable(cardOf((await conv.send(message(`/hash ${DEMO_FILES.malware.sha256}`)))[0]));
    expect(text).toMatch(/don't have a Verdict role/);
    expect(SETTINGS.exec(text)?.[1]).toBe(String(DEPLOY_GUIDE_ROLES_STEP));
    expect(text).not.toMatch(/readers group/);
  });

  it('when the admin installs Verdict or asks for /help, then both say what to set', async () => {
    const welcome = await conv.send({ ...message(''), type: 'installationUpdate', action: 'add', text: undefined });
    expect(readable(cardOf(welcome.find((r) => r.type === 'message')))).toMatch(SETTINGS);
    expect(readable(cardOf((await conv.send(message('/help')))[0]))).toMatch(SETTINGS);
  });

  it('when someone clicks a card button, then the refusal says the same', async () => {
    const replies = await conv.send(cardClick(CARD_VERBS.fileVerdict, { sha: DEMO_FILES.malware.sha256 }));
    expect(readable(invokedCard(replies))).toMatch(SETTINGS);
  });

  it('when the message reveals configuration, then it is only setting names (no tenant, client id or secret)', async () => {
    const text = readable(cardOf((await conv.send(message(`/hash ${DEMO_FILES.malware.sha256}`)))[0]));
    for (const value of Object.values(LIVE_WITHOUT_ROLES).filter((v) => v !== 'live')) expect(text).not.toContain(value);
  });
});

describe('a role source configured', () => {
  it('when Diego (no role) is refused in the sandbox, then the refusal does not mention role settings', async () => {
    const c = await startConversation();
    try {
      const text = readable(cardOf((await c.send({ ...message(`/hash ${DEMO_FILES.malware.sha256}`), from: { id: '29:diego', name: 'Diego', aadObjectId: '3a8f1c52-6b0e-4d7a-9c21-5e4b7f0a1d04' } }))[0]));
      expect(text).toMatch(/readers group/);
      expect(text).not.toMatch(/ROLE_GROUPS|no role source/);
    } finally {
      await c.stop();
    }
  });
});
