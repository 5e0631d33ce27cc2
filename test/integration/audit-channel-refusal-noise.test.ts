import { readFileSync } from 'node:fs';
import { openFileAuditJournal } from '../../src/audit/journal-file';
import { SUMMARY_TITLE } from '../../src/cards/audit-refusal-summary-card';
import { CARD_VERBS } from '../../src/cards/card-verbs';
import { DEMO_FILES, DEMO_USERS } from '../../src/sandbox/demo-tenant';
import { startAuditChannelBot, type AuditChannelBot } from '../support/audit-channel-bot';

/*
 * Refusals of people with no role (or of another tenant) cost an attacker nothing to make. Through
 * the real bot, file journal and outbox: each is journaled, but requests and decisions are posted
 * ahead of them, and they reach the channel as a summary, not one post each.
 */
const MALLORY = { name: 'Mallory', aadObjectId: '6d1f9a4e-0000-4000-8000-00000000bad1' };
const REQUEST_ID = 'AAAAAAAAAAAAAAAAAAAAAA';
const { alex, diego, lee, megan } = DEMO_USERS;
const form = { sha: DEMO_FILES.malware.sha256, action: 'Block', generateAlert: 'true', severity: 'High', expiryDays: '30', title: 'EICAR', description: 'Test malware', reason: 'Seen in alert da123' };

let bot: AuditChannelBot | undefined;
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
});

describe('refusal noise and the audit channel', () => {
  it('when 100 forged refusals are journaled before a real request, then the request and its decision are posted first and the refusals as one summary', async () => {
    bot = await startAuditChannelBot({
      prepare: async (stateDir) => {
        const journal = await openFileAuditJournal({ path: `${stateDir}/audit.jsonl`, now: Date.now });
        for (let i = 0; i < 100; i++) {
          const reason = i % 2 === 0 ? 'no-role' : 'wrong-tenant';
          await journal.append({ type: 'containment.refused', actor: MALLORY, data: { verb: 'approve', reason, detail: { unknownRequestId: `forged-${i}-xxxx` } } });
        }
        await journal.append({ type: 'containment.requested', actor: { name: 'Alex Wilber' }, requestId: REQUEST_ID, data: { kind: 'block-file' } });
        await journal.append({ type: 'containment.approved', actor: { name: 'Megan Bowen' }, requestId: REQUEST_ID, data: { kind: 'block-file' } });
        await journal.close();
      },
    });
    const summary = await bot.waitForPost((p) => p.text.startsWith(SUMMARY_TITLE));
    expect(bot.posts.map((p) => (p.text.startsWith(SUMMARY_TITLE) ? 'summary' : p.seq))).toEqual([101, 102, 'summary']);
    expect(bot.posts[1]).toMatchObject({ created: false, thread: bot.posts[0]?.thread });
    expect(summary.text).toContain(`${SUMMARY_TITLE}: 100 from 1 person`);
    expect(summary.text).toMatch(/Mallory\n100 × approve: has no Verdict role; from a tenant that may not use Verdict/);
    expect(summary.text).toContain('entries #1 to #100');
    // The journal is still the whole record: every refusal is in it, once.
    expect(readFileSync(bot.journalPath, 'utf8').trim().split('\n')).toHaveLength(102);
  }, 30_000);

  it('when someone without a role clicks 100 times and a responder then asks for a block, then the request reaches the channel, and the refusals only as summaries', async () => {
    bot = await startAuditChannelBot();
    for (let i = 0; i < 100; i++) expect(await bot.click(diego, CARD_VERBS.containmentApprove, { requestId: `forged-request-${i}` })).toBe(200);
    expect(await bot.click(alex, CARD_VERBS.containmentRequestBlock, form)).toBe(200);
    const lines = readFileSync(bot.journalPath, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { seq: number; type: string });
    const requested = lines.find((e) => e.type === 'containment.requested');
    const posted = await bot.waitForPost((p) => p.seq === requested?.seq);
    // One post per refusal would put the request behind 100 posts; here it waits behind at most
    // the one summary that went out at the first refusal (the next is due a minute later).
    const before = bot.posts.slice(0, bot.posts.indexOf(posted));
    expect(before.length).toBeLessThanOrEqual(1);
    for (const p of before) expect(p.text).toMatch(new RegExp(`^${SUMMARY_TITLE}: \\d+ from 1 person`));
    expect(bot.posts.filter((p) => !p.text.startsWith(SUMMARY_TITLE)).map((p) => p.seq)).toEqual([requested?.seq]);
  }, 60_000);

  it('when a reader clicks Approve on 100 made-up request ids and a responder then asks for a block, then the request still waits behind at most one summary', async () => {
    // Any role gets past the router's role check, so these are the service's "no such request"
    // refusals: they name no request (none exists) and cost the clicker as little as no-role ones.
    bot = await startAuditChannelBot();
    for (let i = 0; i < 100; i++) expect(await bot.click(lee, CARD_VERBS.containmentApprove, { requestId: `madeUpRequestId${String(i).padStart(6, '0')}x` })).toBe(200);
    expect(await bot.click(alex, CARD_VERBS.containmentRequestBlock, form)).toBe(200);
    const lines = readFileSync(bot.journalPath, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { seq: number; type: string; data: { reason?: string } });
    expect(lines.filter((e) => e.data.reason === 'not-found')).toHaveLength(100);
    const requested = lines.find((e) => e.type === 'containment.requested');
    const posted = await bot.waitForPost((p) => p.seq === requested?.seq);
    const before = bot.posts.slice(0, bot.posts.indexOf(posted));
    expect(before.length).toBeLessThanOrEqual(1);
    for (const p of before) expect(p.text).toMatch(new RegExp(`^${SUMMARY_TITLE}: \\d+ from 1 person`));
  }, 60_000);

  it('when people without the approver role click Approve on a real request 40 times each, then the next request still waits behind at most one summary', async () => {
    // The router lets every role through to Approve (the service decides who may): its refusal of a
    // reader, or of the responder who asked, is "not-allowed", as cheap to repeat as a role-less click.
    bot = await startAuditChannelBot();
    expect(await bot.click(alex, CARD_VERBS.containmentRequestBlock, form)).toBe(200);
    const journal = () => readFileSync(bot?.journalPath ?? '', 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { seq: number; type: string; requestId?: string; data: { reason?: string } });
    const first = journal().find((e) => e.type === 'containment.requested');
    await bot.waitForPost((p) => p.seq === first?.seq);
    for (let i = 0; i < 40; i++) {
      expect(await bot.click(lee, CARD_VERBS.containmentApprove, { requestId: first?.requestId })).toBe(200);
      expect(await bot.click(alex, CARD_VERBS.containmentApprove, { requestId: first?.requestId })).toBe(200);
    }
    expect(await bot.click(alex, CARD_VERBS.containmentRequestBlock, { ...form, sha: DEMO_FILES.unknown.sha256 })).toBe(200);
    expect(journal().filter((e) => e.data.reason === 'not-allowed')).toHaveLength(80);
    const second = journal().filter((e) => e.type === 'containment.requested')[1];
    const posted = await bot.waitForPost((p) => p.seq === second?.seq);
    const between = bot.posts.slice(1, bot.posts.indexOf(posted));
    expect(between.length).toBeLessThanOrEqual(1);
    for (const p of between) expect(p.text).toMatch(new RegExp(`^${SUMMARY_TITLE}: \\d+ from \\d (person|people)`));
  }, 60_000);
  it('when an approver keeps clicking Approve on a request already decided, then past a few refusals hers are summarised, and the next request waits behind at most those few and one summary', async () => {
    // "already-decided" is a refusal of someone who holds the role: not noise by its reason, so
    // only the per-person rate (5 in ten minutes) keeps 40 of them from each taking a post.
    bot = await startAuditChannelBot();
    expect(await bot.click(alex, CARD_VERBS.containmentRequestBlock, form)).toBe(200);
    const journal = () => readFileSync(bot?.journalPath ?? '', 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { seq: number; type: string; requestId?: string; data: { reason?: string; rateLimited?: boolean } });
    const first = journal().find((e) => e.type === 'containment.requested');
    expect(await bot.click(megan, CARD_VERBS.containmentApprove, { requestId: first?.requestId })).toBe(200);
    for (let i = 0; i < 40; i++) expect(await bot.click(megan, CARD_VERBS.containmentApprove, { requestId: first?.requestId })).toBe(200);
    expect(await bot.click(alex, CARD_VERBS.containmentRequestBlock, { ...form, sha: DEMO_FILES.unknown.sha256 })).toBe(200);
    const refused = journal().filter((e) => e.type === 'containment.refused');
    // Every click is journaled; all but the first five are marked for the summary.
    expect(refused).toHaveLength(40);
    expect(refused.filter((e) => e.data.rateLimited === true)).toHaveLength(35);
    const second = journal().filter((e) => e.type === 'containment.requested')[1];
    const posted = await bot.waitForPost((p) => p.seq === second?.seq);
    const refusalPosts = bot.posts.slice(0, bot.posts.indexOf(posted)).filter((p) => !p.text.startsWith(SUMMARY_TITLE) && refused.some((e) => e.seq === p.seq));
    expect(refusalPosts).toHaveLength(5);
    const summaries = bot.posts.slice(0, bot.posts.indexOf(posted)).filter((p) => p.text.startsWith(SUMMARY_TITLE));
    expect(summaries.length).toBeLessThanOrEqual(1);
  }, 60_000);
});
