import { defaultCommands } from '../../src/app/commands';
import { createRouter } from '../../src/app/router';
import type { AuditJournal, ChainHead } from '../../src/audit/journal';
import { createMemoryAuditJournal } from '../../src/audit/journal-memory';
import { appDeps, everyoneIs } from '../support/app-deps';
import { cardText } from '../support/card-text';
import { fakeMdeClient } from '../support/fake-mde-client';
import { fakeTurn } from '../support/fake-turn';
import { TENANT } from './containment-fakes';

/* Several instances share one journal: an instance's view of its end can be behind the others' appends. */
describe('/audit on one of several instances', () => {
  it('when other instances appended since this one last looked, then /audit catches up first and lists the newest entries', async () => {
    const shared = createMemoryAuditJournal({ now: () => Date.parse('2026-03-02T09:00:00.000Z') });
    for (let i = 1; i <= 12; i++) await shared.append({ type: 'containment.requested', actor: { name: 'Alex Wilber' }, requestId: `req-${i}` });
    // This instance last saw seq 5; refresh() is how it learns of the rest.
    let seen: ChainHead = { seq: 5, hash: 'x' };
    const view: AuditJournal = { ...shared, append: (e) => shared.append(e), read: (o) => shared.read(o), head: () => seen, refresh: async () => void (seen = shared.head()) };
    const router = createRouter(appDeps(fakeMdeClient({}), { roles: everyoneIs('approver'), tenants: { allowed: [TENANT], requireTenant: true }, audit: view }), defaultCommands());
    const turn = fakeTurn({ tenantId: TENANT, text: '/audit 3' });
    await router.handleMessage(turn);
    const seqs = [...turn.events.map((e) => cardText(e.card)).join('\n').matchAll(/#(\d+) /g)].map((m) => Number(m[1]));
    expect(seqs).toEqual([12, 11, 10]);
  });
});
