import { auditChannelCard, auditRootCard } from '../../src/cards/audit-channel-card';
import { auditRefusalSummaryCard } from '../../src/cards/audit-refusal-summary-card';
import { auditSkippedCard } from '../../src/cards/audit-skipped-card';
import { blockRequestFormAction, requestBlockForAlertAction } from '../../src/cards/block-request-form';
import { isolateRequestFormAction } from '../../src/cards/isolate-request-form';
import { progressCard, progressStoppedCard } from '../../src/cards/progress-card';
import { welcomeCard } from '../../src/cards/welcome-card';
import { KINDS, requestIn, STATES } from '../support/approval-requests';
import { APPROVED_ENTRY, formOf, REFUSAL_TALLY, REQUESTED_ENTRY, SAMPLE_SHA, auditEntryOf } from '../support/card-samples';
import { cardOutline } from '../support/card-text';
import { auditEntryCard, auditListCard, requestNewsCard, WORDS } from '../support/stored-request';
import { FILES } from '../support/mde-fixtures';

/**
 * What the cards without text snapshots of their own say and offer: every text, fact, input and
 * button (title, verb and data), and no spacing. Each template's layout is pinned once, in
 * cards-layout-snapshots.
 */
const cards: [string, () => unknown][] = [
  ['audit-entry: a request journaled', () => auditEntryCard(REQUESTED_ENTRY)],
  ['audit-entry: its approval', () => auditEntryCard(APPROVED_ENTRY)],
  ['audit-entry: a request in the audit channel, with its approvers', () => auditChannelCard(REQUESTED_ENTRY, { viewers: { userIds: ['29:megan'], approverNames: ['Megan Bowen'] }, words: WORDS })],
  ['audit-entry: a request in the audit channel, posted again after a restart', () => auditChannelCard(REQUESTED_ENTRY, { possibleRepeat: true, words: WORDS })],
  ['audit-entry: a request root once approved', () => auditRootCard(REQUESTED_ENTRY, APPROVED_ENTRY, WORDS)],
  ['audit-list: two entries', () => auditListCard([REQUESTED_ENTRY, APPROVED_ENTRY], 8)],
  ['audit-notice: a skipped entry', () => auditSkippedCard(auditEntryOf({ seq: 9 }), 'Teams refused the post (HTTP 413).')],
  ['audit-notice: refused clicks, with names', () => auditRefusalSummaryCard(REFUSAL_TALLY, { possibleRepeat: false, detailed: true })],
  ['audit-notice: refused clicks, counts only, posted again', () => auditRefusalSummaryCard(REFUSAL_TALLY, { possibleRepeat: true, detailed: false })],
  ['block-request-form: from a verdict', () => formOf(blockRequestFormAction({ sha: SAMPLE_SHA, verdictLabel: 'Malicious', fileName: 'invoice.exe', threatName: 'Trojan:Win32/Wacatac' }))],
  [
    'block-request-form: from an alert',
    () =>
      formOf(
        requestBlockForAlertAction({
          files: [
            { sha: FILES.malware.sha256, verdictLabel: 'Malicious', what: 'Virus:DOS/EICAR_Test_File' },
            { sha: FILES.pua.sha256, verdictLabel: 'Suspicious', what: null },
          ],
          alertId: 'da637472900382838869_1364969609',
          alertTitle: 'EICAR test file',
          deviceName: 'ws-07',
        }),
      ),
  ],
  ['isolate-request-form', () => formOf(isolateRequestFormAction({ machineId: '1e5bc9d7e413ddd7902c2932e418702b84d0cc07', deviceName: 'ws-07' }))],
  ['progress: part done, with a note', () => progressCard({ total: 1234, done: 400, note: 'Found 1,234 hashes; looking up the first 1,000.' })],
  ['progress: stopped', () => progressStoppedCard(1234)],
  ...KINDS.flatMap((kind) => Object.keys(STATES).map((state): [string, () => unknown] => [`request-news: ${kind} ${state}`, () => requestNewsCard(requestIn(kind, STATES[state] ?? {}))])),
  ['welcome', () => welcomeCard({ userName: 'Ada', commands: [{ usage: '/hash <text>', description: 'Verdict for every hash in the text.' }], notes: ['Type commands here or @mention Verdict in a channel.'] })],
];

describe.each(cards)('the %s card', (_name, build) => {
  it('when rendered, then its text and actions match the snapshot', () => {
    expect(cardOutline(build(), { data: true })).toMatchSnapshot();
  });
});
