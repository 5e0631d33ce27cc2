import type { AuditEntry } from '../../src/audit/journal';
import type { RefusalTally } from '../../src/audit/outbox-noise';
import type { Card } from '../../src/cards/card';
import { blockIocsFormAction } from '../../src/cards/block-iocs-form';
import { executeAction, type CardAction } from '../../src/cards/card-action';
import { CARD_VERBS } from '../../src/cards/card-verbs';
import { extendIndicatorsFormAction, removeIndicatorsFormAction } from '../../src/cards/remove-indicators-form';
import { deviceActionsFor } from '../../src/response-actions/device-set/set-card-actions';
import type { DeviceSet } from '../../src/devices/device-set';
import type { MdeIndicator } from '../../src/mde/indicator';
import type { LookupResult } from '../../src/triage/bulk-summary';
import { assessCoverage } from '../../src/triage/coverage';
import { groupByFile } from '../../src/triage/file-groups';
import { reviewIndicators } from '../../src/triage/indicator-review';
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

/** "Now" for the samples that expire: indicators, coverage, the /indicators review. */
export const SAMPLE_NOW = Date.parse('2026-12-02T12:00:00Z');
const inDays = (days: number) => new Date(SAMPLE_NOW + days * 86_400_000).toISOString();

/** A tenant's custom indicator as MDE lists it: a domain block unless told otherwise. */
export const indicatorOf = (over: Partial<MdeIndicator>): MdeIndicator => ({ id: '1', indicatorValue: '', indicatorType: 'DomainName', action: 'Block', createdBySource: null, ...over }) as MdeIndicator;

/** The tenant's indicators: one on the malware (redundant), two expiring soon, one long expired. */
export const INDICATORS: MdeIndicator[] = [
  indicatorOf({ id: '11', indicatorType: 'FileSha256', indicatorValue: FILES.malware.sha256, createdByDisplayName: 'SecOps Lead' }),
  indicatorOf({ id: '12', indicatorType: 'FileSha1', indicatorValue: FILES.pua.sha1, action: 'Audit', createdBy: 'ana@contoso.com', expirationTime: inDays(3) }),
  indicatorOf({ id: '13', indicatorValue: 'evil.top', createdBy: 'ana@contoso.com', expirationTime: inDays(2) }),
  indicatorOf({ id: '14', indicatorType: 'Url', indicatorValue: 'http://old.example/a.exe', expirationTime: inDays(-30) }),
];

/** An advisory's coverage: the lookups' files, three network IoCs (one under an indicator) and one refused. */
export const COVERAGE = assessCoverage({
  files: groupByFile(LOOKUPS),
  network: [
    { type: 'DomainName', value: 'evil.top' },
    { type: 'Url', value: 'http://bad.example/a.exe' },
    { type: 'IpAddress', value: '203.0.113.7' },
  ],
  refused: [{ value: '10.0.0.5', reason: 'a private address' }],
  indicators: INDICATORS,
  now: SAMPLE_NOW,
});

/** The /indicators review of them, with hunting's profiles of the two file hashes. */
export const INDICATOR_REVIEW = reviewIndicators({
  indicators: INDICATORS,
  profiles: [
    { hash: FILES.malware.sha256, file: FILES.malware },
    { hash: FILES.pua.sha1, file: FILES.pua },
  ],
  now: SAMPLE_NOW,
});

/** A device's 40-hex id. */
export const deviceId = (n: number) => n.toString(16).padStart(40, '0');

/** A set of `count` devices from a pasted list, ws-1 isolated; nothing left out unless told. */
export const deviceSetOf = (count: number, over: Partial<DeviceSet> = {}): DeviceSet => ({
  source: { kind: 'list', entries: count },
  devices: Array.from({ length: count }, (_, i) => ({ id: deviceId(i + 1), name: `ws-${i + 1}`, os: 'Windows11', health: 'Active', exposure: 'Low', isolation: i === 0 ? 'isolated' : 'not-isolated' })),
  unknown: [],
  duplicates: [],
  invalid: [],
  badRows: [],
  notes: [],
  ...over,
});

/** A set with something left out: one name Defender does not know, one duplicate. */
export const DEVICE_SET = deviceSetOf(3, { unknown: ['ws-retired'], duplicates: ['WS-2'] });

/** What a responder may do with it under the default policies: list it all, and every device action's form. */
export const DEVICE_SET_ACTIONS: CardAction[] = [executeAction('Show all', CARD_VERBS.devicesList, { setId: 'set-0001' }), ...deviceActionsFor(new Map())('set-0001', { roles: new Set(['responder']) }, DEVICE_SET.devices.length)];

/** "Block the N not covered" under the coverage card, counted from the sample coverage. */
export const BLOCK_IOCS_FORM = blockIocsFormAction({
  setId: 'iocs-0001',
  files: COVERAGE.rows.filter((r) => r.status === 'not-covered' && r.type.startsWith('File')).length,
  network: COVERAGE.rows.filter((r) => r.status === 'not-covered' && !r.type.startsWith('File')).length,
});

/** The forms under /indicators for the sample review: remove the redundant, extend the expiring. */
export const REMOVE_INDICATORS_FORM = removeIndicatorsFormAction({ setId: 'ids-0001', count: INDICATOR_REVIEW.redundancy?.redundant.length ?? 0, what: 'redundant' });
export const EXTEND_INDICATORS_FORM = extendIndicatorsFormAction({ setId: 'ids-0002', count: INDICATOR_REVIEW.expiringSoon.length });
