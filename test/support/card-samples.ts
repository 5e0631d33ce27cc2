import type { AuditEntry } from '../../src/audit/journal';
import type { RefusalTally } from '../../src/audit/outbox-noise';
import type { Card } from '../../src/cards/card';
import type { CardAction } from '../../src/cards/card-action';
import type { LookupResult } from '../../src/triage/bulk-summary';
import { FILES, hex } from './mde-fixtures';

/** Inputs the card snapshot tests share: a layout snapshot and a text snapshot of one card draw from the same sample. */
export const SAMPLE_SHA = '275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f';

/** The commands a help or welcome card lists, and the examples a usage card gives. */
export const COMMANDS = [
  { usage: '/hash <text>', description: 'Verdict for every hash in the text.' },
  { usage: '/alertfiles <alertId>', description: 'Files of an alert, with verdicts.' },
];
export const USAGE_EXAMPLES = [
  { command: '/hash <SHA-256 | SHA-1 | MD5 | pasted text>', text: `/hash ${SAMPLE_SHA}` },
  { command: '/help', text: 'What Verdict can do for you' },
];

/** A problem MDE explained: a code, a status and a correlation id for an admin. */
export const MDE_PROBLEM = {
  title: "Couldn't look up the file in MDE",
  detail: 'MDE refused the request: the app lacks File.Read.All.',
  action: 'Ask an admin to grant File.Read.All to the Verdict app.',
  code: 'Forbidden',
  correlationId: '7a1b2c3d-0000-4e5f-8a9b-0c1d2e3f4a5b',
  status: 403,
};

/** An audit journal entry as the journal hands it out; a request of Alex's unless told otherwise. */
export function auditEntryOf(over: Partial<AuditEntry>): AuditEntry {
  return { seq: 7, at: '2026-11-22T10:00:00.000Z', type: 'containment.requested', actor: { name: 'Alex Wilber' }, requestId: 'req0000000000000000001', data: {}, prev: '0'.repeat(64), hash: 'ab'.repeat(32), ...over } as AuditEntry;
}

/** A block request, journaled. */
export const REQUESTED_ENTRY = auditEntryOf({
  data: {
    kind: 'block-file',
    from: null,
    to: 'requested',
    target: { sha256: SAMPLE_SHA, fileName: 'invoice.exe', verdict: 'malicious' },
    parameters: { action: 'Block', severity: 'High', rbacGroupNames: ['Servers'] },
    reason: 'Seen in INC-42',
    requester: { aadObjectId: 'x', name: 'Alex Wilber' },
  },
});

/** Megan's approval of it. */
export const APPROVED_ENTRY = auditEntryOf({ seq: 8, type: 'containment.approved', actor: { name: 'Megan Bowen' }, data: { from: 'requested', to: 'approved' } });

/** Two people's refused clicks, as the outbox tallies them for a summary. */
export const REFUSAL_TALLY: RefusalTally = {
  first: auditEntryOf({ seq: 10, type: 'containment.refused', data: { reason: 'no-role', verb: 'containment.approve' } }),
  last: auditEntryOf({ seq: 14, at: '2026-11-22T10:04:00.000Z', type: 'containment.refused', data: { reason: 'no-role', verb: 'containment.approve' } }),
  count: 5,
  people: [
    { name: 'Eve Mallory', count: 4, reasons: ['no-role'], verbs: ['containment.approve'] },
    { name: 'Oscar Nobody', count: 1, reasons: ['wrong-tenant'], verbs: ['containment.deny'] },
  ],
};

/** A form rides on its button (Action.ShowCard): the template is the card it opens. */
export const formOf = (action: CardAction | undefined): Card => (action as unknown as { card: Card }).card;

/** One lookup of each outcome a hash summary lists. */
export const LOOKUPS: LookupResult[] = [
  { hash: { value: FILES.malware.sha256, type: 'sha256' }, outcome: { kind: 'file', file: FILES.malware } },
  { hash: { value: FILES.pua.sha1, type: 'sha1' }, outcome: { kind: 'file', file: FILES.pua } },
  { hash: { value: FILES.clean.sha256, type: 'sha256' }, outcome: { kind: 'file', file: FILES.clean } },
  { hash: { value: hex('gone', 'sha256'), type: 'sha256' }, outcome: { kind: 'file', file: null } },
  { hash: { value: hex('slow', 'sha256'), type: 'sha256' }, outcome: { kind: 'failed', reason: 'Defender did not answer in time' } },
  { hash: { value: hex('old', 'md5'), type: 'md5' }, outcome: { kind: 'md5' } },
];
