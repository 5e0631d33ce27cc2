import { Writable } from 'node:stream';
import pino, { type Logger } from 'pino';
import { defaultCommands } from '../../src/app/commands';
import type { AppDeps } from '../../src/app/deps';
import { createRouter } from '../../src/app/router';
import type { Role } from '../../src/access/roles';
import { createMemoryAuditJournal } from '../../src/audit/journal-memory';
import { CARD_VERBS } from '../../src/cards/card-verbs';
import { appDeps, everyoneIs } from '../support/app-deps';
import { cardText } from '../support/card-text';
import { fakeMdeClient } from '../support/fake-mde-client';
import { fakeTurn, type FakeTurn, type FakeTurnOptions } from '../support/fake-turn';
import { FILES } from '../support/mde-fixtures';
import { deferred, OTHER_TENANT, setup, TENANT } from './containment-fakes';
import { containmentApp } from '../support/stored-request';

/* The router's own refusals (no role, missing role, wrong tenant) of containment clicks and /audit reach the journal first. */
const REQUEST_ID = 'req_ABCdef123456789012345';
const ALEX = { aadObjectId: '3a8f1c52-6b0e-4d7a-9c21-5e4b7f0a1d01', name: 'Alex Wilber' };

type TurnOptions = FakeTurnOptions & { log?: Logger };
const withLog = (turn: FakeTurn, log?: Logger): FakeTurn => (log ? Object.assign(turn, { log }) : turn);

function harness(roles: Role[] = [], over: Partial<AppDeps> = {}) {
  const journal = createMemoryAuditJournal({ now: () => Date.parse('2026-03-02T09:00:00.000Z') });
  const deps = appDeps(fakeMdeClient({ files: [FILES.malware] }), {
    roles: everyoneIs(...roles),
    tenants: { allowed: [TENANT], requireTenant: true },
    containment: containmentApp({ service: setup().service, fourEyes: true }),
    audit: journal,
    ...over,
  });
  const router = createRouter(deps, defaultCommands());
  return {
    journal,
    click: (verb: string, data: Record<string, unknown>, turn: TurnOptions = {}) => router.handleAction(withLog(fakeTurn({ tenantId: TENANT, ...turn, action: { verb, data } }), turn.log)),
    say: async (text: string, turn: TurnOptions = {}) => {
      const t = withLog(fakeTurn({ tenantId: TENANT, ...turn, text }), turn.log);
      await router.handleMessage(t);
      return t.events.map((e) => cardText(e.card)).join('\n');
    },
  };
}

describe('router refusals in the journal', () => {
  it('when someone with no role clicks Approve on an id no request has, then "no-role" is journaled with who, the verb and the id as clicked, naming no request', async () => {
    const h = harness();
    expect(cardText(await h.click(CARD_VERBS.containmentApprove, { requestId: REQUEST_ID }))).toMatch(/don't have a Verdict role/);
    expect(await h.journal.read()).toEqual([
      expect.objectContaining({
        type: 'containment.refused',
        actor: ALEX,
        data: { verb: 'approve', reason: 'no-role', tenantId: TENANT, detail: { unknownRequestId: REQUEST_ID, needs: 'lookup', roles: 'no Verdict role' } },
      }),
    ]);
    expect((await h.journal.read())[0]).not.toHaveProperty('requestId');
  });

  it('when a reader clicks Request block, then "missing-role" is journaled with the kind and the hash, and no request id', async () => {
    const h = harness(['reader']);
    expect(cardText(await h.click(CARD_VERBS.containmentRequestBlock, { sha: FILES.malware.sha256.toUpperCase(), action: 'Block' }))).toMatch(/This needs the responder role/);
    const [entry] = await h.journal.read();
    expect(entry).toMatchObject({ type: 'containment.refused', actor: ALEX, data: { verb: 'request', reason: 'missing-role', detail: { kind: 'block-file', sha: FILES.malware.sha256, needs: 'request-containment', roles: 'reader' } } });
    expect(entry).not.toHaveProperty('requestId');
  });

  it('when a role-less click carries forged or malformed fields, then only well-formed ids reach the journal', async () => {
    const h = harness();
    await h.click(CARD_VERBS.containmentRequestIsolation, { machineId: '../../etc', requestId: { $gt: '' }, role: 'approver' });
    await h.click(CARD_VERBS.containmentCancel, { requestId: 'a b' });
    const entries = await h.journal.read();
    expect(entries.map((e) => [e.requestId, e.data])).toEqual([
      [undefined, { verb: 'request', reason: 'no-role', tenantId: TENANT, detail: { kind: 'isolate-device', needs: 'request-containment', roles: 'no Verdict role' } }],
      [undefined, { verb: 'cancel', reason: 'no-role', tenantId: TENANT, detail: { needs: 'lookup', roles: 'no Verdict role' } }],
    ]);
  });

  it('when a click comes from another tenant, then "wrong-tenant" is journaled with that tenant', async () => {
    const h = harness(['approver']);
    expect(cardText(await h.click(CARD_VERBS.containmentDeny, { requestId: REQUEST_ID, comment: 'no' }, { tenantId: OTHER_TENANT }))).toMatch(/tenant is not allowed/);
    // Not one of that tenant's requests: the id is kept as clicked, and names no request.
    expect(await h.journal.read()).toEqual([expect.objectContaining({ data: { verb: 'deny', reason: 'wrong-tenant', tenantId: OTHER_TENANT, detail: { unknownRequestId: REQUEST_ID } } })]);
    expect((await h.journal.read())[0]).not.toHaveProperty('requestId');
  });

  it('when /audit is refused for a reader, no role or another tenant, then each refusal is journaled', async () => {
    const reader = harness(['reader']);
    expect(await reader.say('/audit 5')).toMatch(/This needs the approver role/);
    const none = harness();
    expect(await none.say('/AUDIT')).toMatch(/don't have a Verdict role/);
    const stranger = harness(['approver']);
    expect(await stranger.say('/audit', { tenantId: OTHER_TENANT })).toMatch(/tenant is not allowed/);
    const data = async (h: ReturnType<typeof harness>) => (await h.journal.read()).map((e) => e.data);
    expect(await data(reader)).toEqual([{ verb: '/audit', reason: 'missing-role', tenantId: TENANT, detail: { needs: 'view-audit', roles: 'reader' } }]);
    expect(await data(none)).toEqual([{ verb: '/audit', reason: 'no-role', tenantId: TENANT, detail: { needs: 'view-audit', roles: 'no Verdict role' } }]);
    expect(await data(stranger)).toEqual([{ verb: '/audit', reason: 'wrong-tenant', tenantId: OTHER_TENANT }]);
  });

  it('when lookups, card refreshes or unknown verbs are refused, then nothing is journaled', async () => {
    const h = harness();
    expect(await h.say(`/hash ${FILES.malware.sha256}`)).toMatch(/don't have a Verdict role/);
    await h.say(FILES.malware.sha256);
    await h.say('/hash x', { tenantId: OTHER_TENANT });
    await h.click(CARD_VERBS.fileVerdict, { sha: FILES.malware.sha256 });
    await h.click(CARD_VERBS.containmentView, { requestId: REQUEST_ID });
    await h.click('containment.nuke', { requestId: REQUEST_ID }, { tenantId: OTHER_TENANT });
    expect(await h.journal.read()).toEqual([]);
  });

  it('when the journal is slow, then the refusal is shown only after the entry is written', async () => {
    const h = harness();
    const gate = deferred();
    const append = h.journal.append.bind(h.journal);
    const order: string[] = [];
    h.journal.append = async (entry) => {
      await gate.promise;
      order.push('journaled');
      return append(entry);
    };
    const answered = h.click(CARD_VERBS.containmentApprove, { requestId: REQUEST_ID }).then(() => order.push('answered'));
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual([]);
    gate.resolve();
    await answered;
    expect(order).toEqual(['journaled', 'answered']);
  });

  it('when the journal fails, then the user is still refused and a warning is logged', async () => {
    const failing = { ...createMemoryAuditJournal({ now: Date.now }), append: () => Promise.reject(new Error('disk full')) };
    const h = harness(['reader'], { audit: failing });
    const lines: string[] = [];
    const log = pino({ level: 'warn' }, new Writable({ write: (chunk: Buffer, _enc, done) => (lines.push(chunk.toString()), done()) }));
    expect(cardText(await h.click(CARD_VERBS.containmentRequestBlock, { sha: FILES.malware.sha256 }, { log }))).toMatch(/This needs the responder role/);
    expect(await h.say('/audit', { log })).toMatch(/This needs the approver role/);
    const warnings = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.msg === 'could not journal a refusal; refusing anyway');
    expect(warnings).toEqual([expect.objectContaining({ verb: 'request', reason: 'missing-role' }), expect.objectContaining({ verb: '/audit', reason: 'missing-role' })]);
  });
});
