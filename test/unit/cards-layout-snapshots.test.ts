import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { alertFilesCard } from '../../src/cards/alert-files-card';
import { auditSkippedCard } from '../../src/cards/audit-skipped-card';
import { blockRequestFormAction } from '../../src/cards/block-request-form';
import { coverageCard } from '../../src/cards/coverage-card';
import { deviceListCards } from '../../src/cards/device-list-card';
import { deviceSetCard } from '../../src/cards/device-set-card';
import { internalErrorCard } from '../../src/cards/error-card';
import { hashSummaryCards } from '../../src/cards/hash-summary-card';
import { helpCard } from '../../src/cards/help-card';
import { indicatorsCard } from '../../src/cards/indicators-card';
import { isolateRequestFormAction } from '../../src/cards/isolate-request-form';
import { md5Card, md5UnseenCard } from '../../src/cards/md5-card';
import { noticeCard } from '../../src/cards/notice-card';
import { problemCard } from '../../src/cards/problem-card';
import { progressCard } from '../../src/cards/progress-card';
import { usageCard } from '../../src/cards/usage-card';
import { verdictCard } from '../../src/cards/verdict-card';
import { requestNewsCard, auditEntryCard, auditListCard } from '../support/stored-request';
import { welcomeCard } from '../../src/cards/welcome-card';
import { summariseLookups } from '../../src/triage/bulk-summary';
import { decideVerdict } from '../../src/triage/verdict';
import { requestIn, STATES } from '../support/approval-requests';
import { APPROVED_ENTRY, COMMANDS, formOf, LOOKUPS, MDE_PROBLEM, REQUESTED_ENTRY, SAMPLE_SHA, USAGE_EXAMPLES, auditEntryOf } from '../support/card-samples';
import { BLOCK_IOCS_FORM, COVERAGE, DEVICE_SET, DEVICE_SET_ACTIONS, EXTEND_INDICATORS_FORM, INDICATOR_REVIEW, REMOVE_INDICATORS_FORM } from '../support/card-samples';
import { ALERT, ALERT_ID, FILES, MACHINE } from '../support/mde-fixtures';

/**
 * Exactly one layout snapshot (the whole rendered JSON) for each template in cards/, so spacing
 * and structure are pinned once per template. What each card says and offers is pinned by text
 * snapshots (`cardOutline`) in the cards' own tests and in cards-text-snapshots; the approval
 * card has both in cards-approval-snapshots.
 */
const PORTAL = 'https://security.microsoft.com';
const IN_ITS_OWN_TEST = new Set(['approval']);

const layouts: [template: string, build: () => unknown][] = [
  ['alert-files', () => alertFilesCard({ alertId: ALERT_ID, alert: ALERT, machine: { ok: true, value: MACHINE }, files: { ok: true, value: [FILES.clean, FILES.pua, FILES.malware].map((file) => ({ file, verdict: decideVerdict(file) })) }, portalUrl: PORTAL })],
  ['audit-entry', () => auditEntryCard(REQUESTED_ENTRY)],
  ['audit-list', () => auditListCard([REQUESTED_ENTRY, APPROVED_ENTRY], 8)],
  ['audit-notice', () => auditSkippedCard(auditEntryOf({ seq: 9 }), 'Teams refused the post (HTTP 413).')],
  ['block-iocs-form', () => formOf(BLOCK_IOCS_FORM)],
  ['block-request-form', () => formOf(blockRequestFormAction({ sha: SAMPLE_SHA, verdictLabel: 'Malicious', fileName: 'invoice.exe', threatName: 'Trojan:Win32/Wacatac' }))],
  ['coverage', () => coverageCard({ coverage: COVERAGE, notes: ['MD5s are resolved through advanced hunting.'], blockAction: BLOCK_IOCS_FORM })],
  ['device-action-form', () => formOf(DEVICE_SET_ACTIONS.find((a) => a.title === 'Isolate'))],
  ['device-list', () => deviceListCards(DEVICE_SET.devices)[0]],
  ['device-set', () => deviceSetCard({ set: DEVICE_SET, actions: DEVICE_SET_ACTIONS, actionsNote: 'Isolate and the other containment actions wait for an approver.' })],
  ['extend-indicators-form', () => formOf(EXTEND_INDICATORS_FORM)],
  ['hash-summary', () => hashSummaryCards({ summary: summariseLookups(LOOKUPS), totalFound: LOOKUPS.length, notes: ['MD5s are resolved through advanced hunting.'] })],
  ['help', () => helpCard({ userName: 'Ada', commands: COMMANDS, notes: ['MD5 is recognised but not looked up.'] })],
  ['indicators', () => indicatorsCard(INDICATOR_REVIEW, [], [REMOVE_INDICATORS_FORM, EXTEND_INDICATORS_FORM])],
  ['internal-error', () => internalErrorCard({ correlationId: 'c0ffee00-1111-4222-8333-444455556666' })],
  ['isolate-request-form', () => formOf(isolateRequestFormAction({ machineId: '1e5bc9d7e413ddd7902c2932e418702b84d0cc07', deviceName: 'ws-07' }))],
  ['md5', () => md5Card({ md5: FILES.malware.md5, why: 'Advanced hunting is not permitted for Verdict (ThreatHunting.Read.All), so I could not resolve it.' })],
  ['md5-unseen', () => md5UnseenCard({ md5: FILES.malware.md5 })],
  ['notice', () => noticeCard({ title: 'Isolation requested', detail: 'Request r-1 is waiting for an approver.', next: 'An approver (not you) approves or denies it.' })],
  ['problem', () => problemCard(MDE_PROBLEM)],
  ['progress', () => progressCard({ total: 1234, done: 400, note: 'Found 1,234 hashes; looking up the first 1,000.' })],
  ['remove-indicators-form', () => formOf(REMOVE_INDICATORS_FORM)],
  ['request-news', () => requestNewsCard(requestIn('block-file', STATES.denied ?? {}))],
  ['usage', () => usageCard({ problem: 'Missing a hash.', usage: USAGE_EXAMPLES })],
  ['verdict', () => verdictCard({ hash: { value: FILES.malware.sha256, type: 'sha256' }, file: FILES.malware, verdict: decideVerdict(FILES.malware), portalUrl: PORTAL })],
  ['verdict-not-found', () => verdictCard({ hash: { value: SAMPLE_SHA, type: 'sha256' }, file: null, verdict: decideVerdict(null), portalUrl: PORTAL })],
  ['welcome', () => welcomeCard({ userName: 'Ada', commands: COMMANDS.slice(0, 1), notes: ['Type commands here or @mention Verdict in a channel.'] })],
];

describe.each(layouts)('the %s template', (_template, build) => {
  it('when rendered, then its layout matches the snapshot', () => {
    expect(build()).toMatchSnapshot();
  });
});

describe('layout snapshots', () => {
  it('when the templates in cards/ are listed, then each has exactly one layout case (here, or in its own test)', () => {
    const templates = readdirSync(join(__dirname, '../../cards')).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, ''));
    const cased = layouts.map(([template]) => template);
    expect(new Set(cased).size).toBe(cased.length);
    expect([...cased, ...IN_ITS_OWN_TEST].sort()).toEqual(templates.sort());
  });
});
