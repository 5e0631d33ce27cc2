import { DEMO_FILES, DEMO_NOT_FOUND_SHA256 } from '../../src/sandbox/demo-tenant';
import { cardOf, cardText } from '../support/card-text';
import { channelMention, message, startConversation, type Conversation } from '../support/conversation';

let conv: Conversation;
beforeAll(async () => {
  // Faults are injected per test: every lookup must reach the sandbox, not the verdict cache.
  conv = await startConversation({ MDE_CACHE_TTL_SECONDS: '0' });
});
afterAll(async () => {
  await conv.stop();
});
afterEach(() => conv.built.sandbox?.faults.clear());

const onlyCardText = async (text: string) => {
  const replies = await conv.send(message(text));
  expect(replies).toHaveLength(1);
  const card = cardOf(replies[0]);
  expect(card).toBeDefined();
  return cardText(card);
};

describe('/hash', () => {
  it('when given the demo malware SHA-256, then one card says Malicious with the threat name', async () => {
    const text = await onlyCardText(`/hash ${DEMO_FILES.malware.sha256}`);
    expect(text).toMatch(/Malicious/);
    expect(text).toContain('EICAR');
  });

  it('when given the clean file by SHA-1 in upper case, then the card says Clean', async () => {
    const text = await onlyCardText(`/HASH ${DEMO_FILES.clean.sha1.toUpperCase()}`);
    expect(text).toMatch(/Clean/);
  });

  it('when given the unknown file, then the card says Unknown', async () => {
    expect(await onlyCardText(`/hash ${DEMO_FILES.unknown.sha256}`)).toMatch(/Unknown/);
  });

  it('when MDE has never seen the hash, then the card says Not found', async () => {
    expect(await onlyCardText(`/hash ${DEMO_NOT_FOUND_SHA256}`)).toMatch(/Not found/i);
  });

  it('when the argument has no hash in it, then a usage card says so', async () => {
    const text = await onlyCardText('/hash hello world');
    expect(text).toMatch(/could not find/i);
    expect(text).toContain('/hash');
  });

  it('when the argument is missing, then a usage card asks for a hash', async () => {
    expect(await onlyCardText('/hash')).toMatch(/Give me a SHA-256/);
  });

  it('when the bot is @mentioned in a channel, then the mention is ignored and the verdict comes back', async () => {
    const replies = await conv.send(channelMention(`/hash ${DEMO_FILES.malware.sha1}`));
    expect(replies).toHaveLength(1);
    expect(cardText(cardOf(replies[0]))).toMatch(/Malicious/);
  });

  it('when a bare hash is pasted without a command, then it is looked up', async () => {
    expect(await onlyCardText(`what is ${DEMO_FILES.pua.sha256}?`)).toMatch(/Suspicious/);
  });

  it('when two hashes are pasted, then one summary lists both, the malicious one first, and the coverage card follows', async () => {
    const replies = await conv.send(message(`/hash ${DEMO_FILES.clean.sha256}, ${DEMO_FILES.malware.sha256}`));
    expect(replies).toHaveLength(2);
    const text = cardText(cardOf(replies[0]));
    expect(cardText(cardOf(replies[1]))).toMatch(/^Coverage of 2 IoCs/);
    expect(text).toMatch(/^Verdicts for 2 hashes/);
    expect(text.indexOf('Malicious')).toBeLessThan(text.indexOf('Clean'));
  });

  it('when the app lacks File.Read.All, then the card names the permission and the correlation id', async () => {
    conv.built.sandbox?.faults.inject({ family: 'files', type: 'status', status: 403, code: 'Forbidden' });
    const text = await onlyCardText(`/hash ${DEMO_FILES.clean.sha256}`);
    expect(text).toContain('File.Read.All');
    expect(text).toMatch(/Forbidden/);
  });
});

describe('other messages', () => {
  it('when the command is unknown, then a usage card names it and lists the commands', async () => {
    const text = await onlyCardText('/frobnicate now');
    expect(text).toContain('frobnicate');
    expect(text).toContain('/hash');
  });

  it('when a command only starts like /hash, then it is not taken for /hash', async () => {
    expect(await onlyCardText('/hashes please')).toMatch(/don't know the command "hashes"/);
  });

  it('when /help is sent, then the help card lists /hash and /help', async () => {
    const text = await onlyCardText('/help');
    expect(text).toContain('/hash');
    expect(text).toContain('/help');
  });

  it('when the message comes from another tenant, then Verdict refuses and never calls MDE', async () => {
    const before = conv.built.sandbox?.stats().apiCalls;
    const replies = await conv.send(
      message(`/hash ${DEMO_FILES.malware.sha256}`, { channelData: { tenant: { id: '11111111-2222-3333-4444-555555555555' } } }),
    );
    expect(cardText(cardOf(replies[0]))).toMatch(/not allowed/);
    expect(conv.built.sandbox?.stats().apiCalls).toBe(before);
  });
});
