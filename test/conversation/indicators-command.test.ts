import { DEMO_USERS } from '../../src/sandbox/demo-tenant';
import { cardFacts } from '../support/card-nodes';
import { cardOf, cardText } from '../support/card-text';
import { as, message, startConversation, type Conversation } from '../support/conversation';

/** /indicators against the opt-in crowded sandbox tenant (2,000 feed indicators + the demo block). */
jest.setTimeout(30_000);

let conv: Conversation;
beforeAll(async () => {
  conv = await startConversation({ SANDBOX_SYNTHETIC_INDICATORS: '2000', MDE_CACHE_TTL_SECONDS: '0' });
});
afterAll(async () => {
  await conv.stop();
});
afterEach(() => conv.built.sandbox?.faults.clear());

const review = async (who = DEMO_USERS.alex) => {
  const replies = await conv.send(as(who, message('/indicators')));
  const card = cardOf(replies.at(-1));
  return { replies, card, text: cardText(card) };
};

describe('/indicators', () => {
  it('when a responder asks, then counts by type and action, expiring soon, created by Verdict and the redundancy review come from one list read and three hunting queries', async () => {
    const before = conv.built.sandbox?.stats().byFamily ?? {};
    const { card, text } = await review();
    const after = conv.built.sandbox?.stats().byFamily ?? {};
    expect(text).toMatch(/^Custom indicators: 2,001\n/);
    // A twentieth of the feed expired yesterday; a twentieth expires within the week.
    expect(cardFacts(card)).toMatchObject({
      'Active (count against 15,000)': '1,901 (12.7 %)',
      'Expired (kept, not counted)': '100',
      'Expiring within 7 days': '100',
      "Redundant (Defender's own detection covers the file)": '500',
      FileSha256: '1,401',
      FileSha1: '100',
      FileMd5: '100',
      IpAddress: '100',
      DomainName: '100',
      Url: '100',
    });
    expect(cardFacts(card)['Created by Verdict']).toMatch(/^6\d\d$/);
    expect(text).toContain('500 of 1,501 file-hash indicators are on files Defender already detects as malware: retiring them frees 500 of 15,000 (3.3 %).');
    expect(text).toMatch(/Trojan:Win32\/Synthetic\.[0-9A-F]{4}!ml; Block #\d+ by (SecOps Lead|Verdict|TI feed \(app 7d5c1e2a…\))/);
    expect(text).toContain('100 not checked: MD5 indicators');
    expect(text).toContain('…and 480 more.');
    // 1,401 SHA-256 and 100 SHA-1 values: 1,000 SHA-256, then 401 SHA-256 and 100 SHA-1 (one query per kind).
    expect((after['graph-hunting'] ?? 0) - (before['graph-hunting'] ?? 0)).toBe(3);
    expect((after.indicators ?? 0) - (before.indicators ?? 0)).toBe(1);
    expect((after.files ?? 0) - (before.files ?? 0)).toBe(0);
  });

  it('when a reader asks, then they are refused and told it needs the responder or approver role', async () => {
    const { text } = await review(DEMO_USERS.lee);
    expect(text).toContain('the responder or approver role');
  });

  it('when advanced hunting is refused, then the counts still come, the review says why, and no indicator is looked up one by one', async () => {
    conv.built.sandbox?.faults.inject({ family: 'graph-hunting', type: 'status', status: 403, code: 'Forbidden', times: 3 });
    conv.built.sandbox?.faults.inject({ family: 'hunting', type: 'status', status: 403, code: 'Forbidden', times: 3 });
    const before = conv.built.sandbox?.stats().byFamily.files ?? 0;
    const { card, text } = await review(DEMO_USERS.megan);
    expect(cardFacts(card)).toMatchObject({ 'Active (count against 15,000)': '1,901 (12.7 %)' });
    expect(cardFacts(card)).not.toHaveProperty("Redundant (Defender's own detection covers the file)");
    expect(text).toContain('The redundancy review needs advanced hunting');
    expect(text).toContain('ThreatHunting.Read.All');
    expect((conv.built.sandbox?.stats().byFamily.files ?? 0) - before).toBe(0);
  });

  it('when the indicator list is refused, then the error card names Ti.ReadWrite.All', async () => {
    conv.built.sandbox?.faults.inject({ family: 'indicators', type: 'status', status: 403, code: 'Forbidden' });
    const { text } = await review();
    expect(text).toContain('Ti.ReadWrite.All');
  });
});
