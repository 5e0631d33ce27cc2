import { createHash } from 'node:crypto';
import { DEMO_FILES } from '../../src/sandbox/demo-tenant';
import { cardOf, cardText } from '../support/card-text';
import { message, startConversation, type Conversation } from '../support/conversation';

/**
 * MD5s through Graph hunting, in the real bot against the sandbox: resolved to the SHA-256 the
 * demo devices saw (with its verdict), never seen, and refused or failing hunting (the hand query).
 * The sandbox has retired its MDE hunting endpoint, so only Graph can answer.
 */
let conv: Conversation;
beforeAll(async () => {
  conv = await startConversation({ MDE_CACHE_TTL_SECONDS: '0', SANDBOX_MDE_HUNTING_RETIRED: '1' });
});
afterAll(async () => {
  await conv.stop();
});
afterEach(() => conv.built.sandbox?.faults.clear());

const NEVER_SEEN_MD5 = createHash('md5').update('verdict-sandbox/never-seen-md5').digest('hex');
const family = (name: string) => conv.built.sandbox?.stats().byFamily[name] ?? 0;

async function cardFor(text: string): Promise<string> {
  const replies = await conv.send(message(text));
  expect(replies).toHaveLength(1);
  return cardText(cardOf(replies[0]));
}

describe('/hash with an MD5', () => {
  it('when the org saw a file with that MD5, then the verdict card is for its SHA-256 and says where it was seen', async () => {
    const before = family('graph-hunting');
    const text = await cardFor(`/hash ${DEMO_FILES.pua.md5.toUpperCase()}`);
    expect(text).toMatch(/^Suspicious\n/);
    expect(text).toContain(`MD5 ${DEMO_FILES.pua.md5} resolved through advanced hunting (last 30 days)`);
    expect(text).toContain(`SHA-256 ${DEMO_FILES.pua.sha256}`);
    expect(text).toMatch(/seen on 2 devices \(workstation-07\.verdict-demo\.example, laptop-12\.verdict-demo\.example\) in file events, process events/);
    expect(family('graph-hunting') - before).toBe(1);
    expect(family('hunting')).toBe(0);
  });

  it('when no device saw that MD5, then the card says it was never seen in the org', async () => {
    const text = await cardFor(`/hash ${NEVER_SEEN_MD5}`);
    expect(text).toMatch(/^MD5 never seen in your org\n/);
    expect(text).toContain(NEVER_SEEN_MD5);
  });

  it('when Graph refuses hunting and the MDE endpoint is retired, then the card keeps the hand query and names ThreatHunting.Read.All', async () => {
    conv.built.sandbox?.faults.inject({ family: 'graph-hunting', type: 'status', status: 403, code: 'Forbidden' });
    const before = family('hunting');
    const text = await cardFor(`/hash ${DEMO_FILES.malware.md5}`);
    expect(text).toMatch(/^MD5 can't be looked up directly\n/);
    expect(text).toContain('Advanced hunting is not permitted for Verdict (ThreatHunting.Read.All), so I could not resolve it.');
    expect(text).toContain(`DeviceFileEvents | where MD5 == "${DEMO_FILES.malware.md5}"`);
    // auto asked the MDE endpoint once, which answered 404 (retired); never again after that.
    expect(family('hunting') - before).toBe(1);
    conv.built.sandbox?.faults.inject({ family: 'graph-hunting', type: 'status', status: 403, code: 'Forbidden' });
    await cardFor(`/hash ${DEMO_FILES.malware.md5}`);
    expect(family('hunting') - before).toBe(1);
  });

  it('when Graph throttles once with Retry-After, then the query is sent again after the wait and the MD5 resolves', async () => {
    conv.built.sandbox?.faults.inject({ family: 'graph-hunting', type: 'status', status: 429, code: 'TooManyRequests', retryAfterSeconds: 1 });
    const before = family('graph-hunting');
    const text = await cardFor(`/hash ${DEMO_FILES.malware.md5}`);
    expect(text).toMatch(/^Malicious\n/);
    expect(family('graph-hunting') - before).toBe(2);
  });

  it('when a hunting query passes Graph\'s 3-minute limit (504), then the card keeps the hand query and says hunting did not answer in time, after one call', async () => {
    conv.built.sandbox?.faults.inject({ family: 'graph-hunting', type: 'status', status: 504, code: 'GatewayTimeout' });
    const before = family('graph-hunting');
    const text = await cardFor(`/hash ${DEMO_FILES.malware.md5}`);
    expect(text).toContain('Advanced hunting did not answer (Defender did not answer in time), so I could not resolve it.');
    expect(family('graph-hunting') - before).toBe(1);
  });

  it('when the MD5 resolves to a SHA-256 the Files API does not know, then the card still says which MD5 was asked and what it resolved to', async () => {
    // Hunting sees files on devices that Defender's Files API may have no profile for.
    conv.built.sandbox?.faults.inject({ family: 'files', type: 'status', status: 404, code: 'ResourceNotFound' });
    const text = await cardFor(`/hash ${DEMO_FILES.clean.md5}`);
    expect(text).toMatch(/^Not found\n/);
    expect(text).toContain(`You asked for MD5 ${DEMO_FILES.clean.md5}. Advanced hunting resolved it to the file below, seen on`);
    expect(text).toContain(DEMO_FILES.clean.sha256);
    // Hunting saw it on devices: "MDE has never seen this hash" would be false.
    expect(text).not.toContain('never seen');
  });

  // Last: the quota pauses Graph hunting for this bot for the rest of the 15-minute cycle.
  it("when Graph's CPU quota is used up for the cycle, then the card keeps the hand query, and later MD5s do not call Graph until the cycle ends", async () => {
    conv.built.sandbox?.faults.inject({ family: 'graph-hunting', type: 'status', status: 429, code: 'TooManyRequests', retryAfterSeconds: 900 });
    const before = family('graph-hunting');
    const text = await cardFor(`/hash ${DEMO_FILES.malware.md5}`);
    expect(text).toContain('Advanced hunting did not answer (Defender is rate-limiting Verdict), so I could not resolve it.');
    expect(await cardFor(`/hash ${DEMO_FILES.pua.md5}`)).toMatch(/^MD5 can't be looked up directly\n/);
    expect(family('graph-hunting') - before).toBe(1);
  });
});
