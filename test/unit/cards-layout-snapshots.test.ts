import type { AuditEntry } from '../../src/audit/journal';
import { auditSkippedCard } from '../../src/cards/audit-skipped-card';
import { blockRequestFormAction } from '../../src/cards/block-request-form';
import type { Card } from '../../src/cards/card';
import type { CardAction } from '../../src/cards/card-action';
import { isolateRequestFormAction } from '../../src/cards/isolate-request-form';
import { progressCard } from '../../src/cards/progress-card';
import { requestNewsCard, auditEntryCard, auditListCard } from '../support/stored-request';
import { welcomeCard } from '../../src/cards/welcome-card';
import { requestIn, STATES } from '../support/approval-requests';

/**
 * One layout snapshot for each template that had none (the others are in cards-messages,
 * cards-verdict-card, cards-hash-summary, cards-alert-files and cards-approval-snapshots).
 * What a card says is asserted by each card's own tests; these pin the rendered shape once.
 */
const SHA = '275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f';

function entry(over: Partial<AuditEntry>): AuditEntry {
  return { seq: 7, at: '2026-11-22T10:00:00.000Z', type: 'containment.requested', actor: { name: 'Alex Wilber' }, requestId: 'req0000000000000000001', data: {}, prev: '0'.repeat(64), hash: 'ab'.repeat(32), ...over } as AuditEntry;
}

const requestedEntry = entry({
  data: {
    kind: 'block-file',
    from: null,
    to: 'requested',
    target: { sha256: SHA, fileName: 'invoice.exe', verdict: 'malicious' },
    parameters: { action: 'Block', severity: 'High', rbacGroupNames: ['Servers'] },
    reason: 'Seen in INC-42',
    requester: { aadObjectId: 'x', name: 'Alex Wilber' },
  },
});

/** A form rides on its button (Action.ShowCard): the template is the card it opens. */
const formOf = (action: CardAction): Card => (action as unknown as { card: Card }).card;

const templates: [string, () => unknown][] = [
  ['audit-entry (a request journaled)', () => auditEntryCard(requestedEntry)],
  ['audit-list (two entries)', () => auditListCard([requestedEntry, entry({ seq: 8, type: 'containment.approved', actor: { name: 'Megan Bowen' }, data: { from: 'requested', to: 'approved' } })], 8)],
  ['audit-notice (a skipped entry)', () => auditSkippedCard(entry({ seq: 9 }), 'Teams refused the post (HTTP 413).')],
  ['block-request-form', () => formOf(blockRequestFormAction({ sha: SHA, verdictLabel: 'Malicious', fileName: 'invoice.exe', threatName: 'Trojan:Win32/Wacatac' }))],
  ['isolate-request-form', () => formOf(isolateRequestFormAction({ machineId: '1e5bc9d7e413ddd7902c2932e418702b84d0cc07', deviceName: 'ws-07' }))],
  ['progress (part done, with a note)', () => progressCard({ total: 1234, done: 400, note: 'Found 1,234 hashes; looking up the first 1,000.' })],
  ['request-news (denied block)', () => requestNewsCard(requestIn('block-file', STATES.denied ?? {}))],
  ['welcome', () => welcomeCard({ userName: 'Ada', commands: [{ usage: '/hash <text>', description: 'Verdict for every hash in the text.' }], notes: ['Type commands here or @mention Verdict in a channel.'] })],
];

describe.each(templates)('the %s template', (_name, build) => {
  it('when rendered, then its layout matches the snapshot', () => {
    expect(build()).toMatchSnapshot();
  });
});
