import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { startVerdict, type RunningVerdict } from '../../src/main';
import { openFileAuditJournal } from '../../src/audit/journal-file';
import { refusalEntry } from '../../src/containment/audit-entries';
import { containmentRequestSchema, transitionEntry } from '../support/stored-request';
import { DEMO_TENANT_ID, DEMO_USERS } from '../../src/sandbox/demo-tenant';
import { startConnectorRecorder } from '../support/connector-recorder';
import { cardOf, cardText } from '../support/card-text';

const SHA = '275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f';
const APP = 'fc780465-2017-40d4-a0c5-307022471b92';
const CHANNEL = '19:audit@thread.tacv2';
const { alex, megan } = DEMO_USERS;
const person = (u: { aadObjectId: string; name: string }) => ({ aadObjectId: u.aadObjectId, name: u.name });

/** A block just sent to Defender, as the service stores it. */
const executing = containmentRequestSchema.parse({
  id: 'req_ABCdef123456789012345', kind: 'block-file', state: 'executing', tenantId: DEMO_TENANT_ID, requester: person(alex),
  createdAt: '2026-03-02T09:00:00.000Z', expiresAt: '2026-03-02T10:00:00.000Z', reason: 'r', conversation: { id: 'a:personal' }, revision: 3,
  decision: { by: person(megan), at: '2026-03-02T09:10:00.000Z' }, execution: { startedAt: '2026-03-02T09:10:00.000Z' },
  target: { sha256: SHA }, parameters: { action: 'Block', generateAlert: true, severity: 'High', expirationTime: '2026-04-01T09:00:00.000Z', title: 't', description: 'd' },
  history: [{ at: '2026-03-02T09:10:00.000Z', from: 'approved', to: 'executing', by: person(megan) }],
});

describe('the audit channel, posted by the real outbox from the real journal, reads words', () => {
  let stateDir: string;
  let app: RunningVerdict | undefined;
  let connector: Awaited<ReturnType<typeof startConnectorRecorder>>;

  beforeEach(async () => {
    stateDir = mkdtempSync(join(tmpdir(), 'verdict-words-'));
    connector = await startConnectorRecorder();
  });
  afterEach(async () => {
    await app?.stop();
    app = undefined;
    await connector.stop();
    rmSync(stateDir, { recursive: true, force: true });
  });

  it('when a block is sent to Defender and another is refused as already blocked, then the posts say so in words, with the hash and the creator by name', async () => {
    const journal = await openFileAuditJournal({ path: join(stateDir, 'audit.jsonl'), now: Date.now });
    await journal.append(transitionEntry(executing));
    const existing = { id: '4711', action: 'Block', expirationTime: null, createdBy: APP, createdByName: 'Contoso SOAR', indicatorType: 'FileSha256', title: 'EICAR' };
    await journal.append(refusalEntry('request', person(alex), 'already-blocked', { tenantId: DEMO_TENANT_ID, detail: { kind: 'block-file', target: { sha256: SHA }, existing } }));
    await journal.close();

    app = await startVerdict(
      { PORT: '0', HOST: '127.0.0.1', MDE_MODE: 'sandbox', STATE_DIR: stateDir, AUDIT_CHANNEL_ID: CHANNEL, AUDIT_SERVICE_URL: connector.url },
      { logger: pino({ level: 'silent' }), auditOutbox: { minIntervalMs: 0 } },
    );
    const sent = cardText(cardOf((await connector.next()).body.activity as never));
    const refused = cardText(cardOf((await connector.next()).body.activity as never));

    expect(sent).toMatch(/^Sent to Defender\n/);
    expect(sent).toContain('Sent to Defender\nBlock file: submit a file indicator');
    expect(sent).toContain(SHA);
    expect(refused).toMatch(/^Refused: already blocked by indicator #4711\n/);
    expect(refused).toContain(SHA);
    expect(refused).toContain(`Created by\nContoso SOAR (app ${APP})`);
    for (const text of [sent, refused]) expect(text).not.toMatch(/\bmde\.|indicators\.submit|already-blocked|\bblock-file\b|FileSha256/);
  });
});
