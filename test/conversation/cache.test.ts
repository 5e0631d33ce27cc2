import { DEMO_FILES, DEMO_USERS } from '../../src/sandbox/demo-tenant';
import { cardOf, cardText } from '../support/card-text';
import { message, startConversation, type Conversation } from '../support/conversation';

let conv: Conversation;
beforeAll(async () => {
  conv = await startConversation();
});
afterAll(async () => {
  await conv.stop();
});

const filesCalls = () => conv.built.sandbox?.stats().byFamily.files ?? 0;

describe('verdict cache as wired by main.ts', () => {
  it('when two analysts ask for the same hash, then MDE is asked once and both get the verdict', async () => {
    const before = filesCalls();
    const first = await conv.send(message(`/hash ${DEMO_FILES.pua.sha256}`));
    const second = await conv.send(message(`/hash ${DEMO_FILES.pua.sha256.toUpperCase()}`, { from: { id: '29:lee', name: 'Lee Gu', aadObjectId: DEMO_USERS.lee.aadObjectId } }));
    expect(cardText(cardOf(first[0]))).toMatch(/Suspicious/);
    expect(cardText(cardOf(second[0]))).toMatch(/Suspicious/);
    expect(filesCalls() - before).toBe(1);
  });

  it('when the same hash is asked for at the same instant, then the lookups are coalesced into one call', async () => {
    const before = filesCalls();
    const replies = await Promise.all([1, 2, 3].map(() => conv.send(message(`/hash ${DEMO_FILES.unknown.sha1}`))));
    expect(replies.flat().length).toBeGreaterThanOrEqual(1);
    expect(filesCalls() - before).toBe(1);
  });
});
