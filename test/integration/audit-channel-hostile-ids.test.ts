import { readFileSync } from 'node:fs';
import { openFileAuditJournal } from '../../src/audit/journal-file';
import { CARD_VERBS } from '../../src/cards/card-verbs';
import { DEMO_FILES, DEMO_USERS } from '../../src/sandbox/demo-tenant';
import { SKIPPED_TITLE } from '../../src/cards/audit-skipped-card';
import { cardOf, cardText } from '../support/card-text';
import { startAuditChannelBot, type AuditChannelBot } from '../support/audit-channel-bot';

/*
 * Request ids are card data, and `constructor`, `toString`, `hasOwnProperty` and `__proto__` all
 * pass the request-id format. Through the real bot, file journal and outbox: such a click must
 * neither stop the audit channel nor put a request that does not exist into the journal.
 */
const HOSTILE_IDS = ['constructor', 'toString', 'hasOwnProperty', '__proto__', 'valueOf_'];
const { alex, diego } = DEMO_USERS;
const form = { sha: DEMO_FILES.malware.sha256, action: 'Block', generateAlert: 'true', severity: 'High', expiryDays: '30', title: 'EICAR', description: 'Test malware', reason: 'Seen in alert da123' };
const journalLines = (bot: AuditChannelBot) => readFileSync(bot.journalPath, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { seq: number; type: string; requestId?: string; data: Record<string, unknown> });

let bot: AuditChannelBot | undefined;
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
});

describe('hostile request ids and the audit channel', () => {
  it('when someone without a role clicks Approve on "constructor", "__proto__"…, then the refusals name no request, and a real request still reaches the channel', async () => {
    bot = await startAuditChannelBot();
    for (const requestId of HOSTILE_IDS) expect(await bot.click(diego, CARD_VERBS.containmentApprove, { requestId })).toBe(200);
    expect(await bot.click(alex, CARD_VERBS.containmentRequestBlock, form)).toBe(200);

    const requested = journalLines(bot).find((e) => e.type === 'containment.requested');
    expect(requested).toBeDefined();
    await bot.waitForPost((p) => p.seq === requested?.seq);
    const refusals = journalLines(bot).filter((e) => e.type === 'containment.refused');
    expect(refusals).toHaveLength(HOSTILE_IDS.length);
    // No such request exists: a refusal must not claim one (the clicked id is kept as what was clicked).
    for (const r of refusals) expect(r.requestId).toBeUndefined();
  }, 30_000);

  it('when the journal already holds entries under "constructor" and "__proto__" (written before this fix), then every entry is posted once, in order, and a request\'s entries share its thread', async () => {
    bot = await startAuditChannelBot({
      prepare: async (stateDir) => {
        const journal = await openFileAuditJournal({ path: `${stateDir}/audit.jsonl`, now: Date.now });
        for (const requestId of [...HOSTILE_IDS, 'constructor', '__proto__']) {
          await journal.append({ type: 'containment.refused', actor: { name: 'Mallory' }, requestId, data: { verb: 'approve', reason: 'not-found' } });
        }
        await journal.append({ type: 'containment.requested', actor: { name: 'Alex Wilber' }, requestId: 'AAAAAAAAAAAAAAAAAAAAAA', data: { kind: 'block-file' } });
        await journal.append({ type: 'containment.approved', actor: { name: 'Megan Bowen' }, requestId: 'AAAAAAAAAAAAAAAAAAAAAA', data: { kind: 'block-file' } });
        await journal.close();
      },
    });
    const total = HOSTILE_IDS.length + 4;
    await bot.waitForPost((p) => p.seq === total);
    expect(bot.posts.map((p) => p.seq)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    // A second entry of the same hostile id replies into the thread its first entry started.
    const byId = (n: number) => bot?.posts[n - 1]?.thread;
    expect(byId(HOSTILE_IDS.length + 1)).toBe(byId(1));
    expect(byId(HOSTILE_IDS.length + 2)).toBe(byId(4));
    expect(bot.posts[total - 1]).toMatchObject({ created: false, thread: byId(total - 1) });
  }, 30_000);

  it('when Teams refuses one entry\'s card every time (400), then a "could not post entry #n" card takes its place and the entries after it still arrive', async () => {
    bot = await startAuditChannelBot({
      prepare: async (stateDir) => {
        const journal = await openFileAuditJournal({ path: `${stateDir}/audit.jsonl`, now: Date.now });
        for (const name of ['Alex Wilber', 'POISON', 'Megan Bowen']) await journal.append({ type: 'containment.refused', actor: { name }, data: { verb: 'approve', reason: 'already-decided' } });
        await journal.close();
      },
      respond: (call) => {
        const activity = (call.path === '/v3/conversations' ? call.body.activity : call.body) as never;
        return call.method === 'POST' && cardText(cardOf(activity)).includes('POISON') ? { status: 400, body: { error: { code: 'BadArgument', message: 'no' } } } : undefined;
      },
    });
    await bot.waitForPost((p) => p.seq === 3);
    expect(bot.posts.map((p) => [p.seq, p.text.split('\n')[0]])).toEqual([
      [1, 'Refused: the request was already decided'],
      [2, `${SKIPPED_TITLE} #2`],
      [3, 'Refused: the request was already decided'],
    ]);
  }, 30_000);
});
