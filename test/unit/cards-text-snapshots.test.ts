import { auditChannelCard, auditRootCard } from '../../src/cards/audit-channel-card';
import { auditRefusalSummaryCard } from '../../src/cards/audit-refusal-summary-card';
import { auditSkippedCard } from '../../src/cards/audit-skipped-card';
import { blockIocsFormAction } from '../../src/cards/block-iocs-form';
import { blockRequestFormAction, requestBlockForAlertAction } from '../../src/cards/block-request-form';
import { coverageCard } from '../../src/cards/coverage-card';
import { deviceActionFormAction } from '../../src/cards/device-action-form';
import { deviceListCards } from '../../src/cards/device-list-card';
import { deviceSetCard } from '../../src/cards/device-set-card';
import { indicatorsCard } from '../../src/cards/indicators-card';
import { isolateRequestFormAction } from '../../src/cards/isolate-request-form';
import { machineActionsCard } from '../../src/cards/machine-actions-card';
import { progressCard, progressStoppedCard } from '../../src/cards/progress-card';
import { welcomeCard } from '../../src/cards/welcome-card';
import { CARD_VERBS } from '../../src/cards/card-verbs';
import { assessCoverage } from '../../src/triage/coverage';
import { reviewIndicators } from '../../src/triage/indicator-review';
import { KINDS, requestIn, STATES } from '../support/approval-requests';
import { APPROVED_ENTRY, formOf, REFUSAL_TALLY, REQUESTED_ENTRY, SAMPLE_SHA, auditEntryOf } from '../support/card-samples';
import { BLOCK_IOCS_FORM, COVERAGE, DEVICE_SET, DEVICE_SET_ACTIONS, EXTEND_INDICATORS_FORM, INDICATORS, INDICATOR_REVIEW, REMOVE_INDICATORS_FORM, SAMPLE_NOW, deviceSetOf } from '../support/card-samples';
import { cardOutline } from '../support/card-text';
import { auditEntryCard, auditListCard, requestNewsCard, WORDS } from '../support/stored-request';
import { FILES, MACHINE } from '../support/mde-fixtures';

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
  // A card's show-card forms open in place in its outline: the coverage card's is block-iocs-form,
  // the device set's are device-action-form, /indicators' are remove- and extend-indicators-form.
  ['coverage: every status, with its block form', () => coverageCard({ coverage: COVERAGE, notes: ['MD5s are resolved through advanced hunting.'], blockAction: BLOCK_IOCS_FORM })],
  ['coverage: the indicators could not be read', () => coverageCard({ coverage: assessCoverage({ files: [], network: [{ type: 'DomainName', value: 'evil.top' }], refused: [], indicators: null, now: SAMPLE_NOW }), notes: ["Couldn't read the tenant's indicators: Ti.ReadWrite.All is not granted."] })],
  ['block-iocs-form: network IoCs only', () => formOf(blockIocsFormAction({ setId: 'iocs-0002', files: 0, network: 3 }))],
  ['device-set: three devices, with what was left out and a responder\'s forms', () => deviceSetCard({ set: DEVICE_SET, actions: DEVICE_SET_ACTIONS, actionsNote: 'Isolate and the other containment actions wait for an approver.' })],
  ['device-set: from a hunting query, none found', () => deviceSetCard({ set: deviceSetOf(0, { source: { kind: 'query', query: 'DeviceInfo | where DeviceName startswith "ws-"', appended: true }, notes: ['`| distinct DeviceName, DeviceId` was added: the query had no DeviceId.'] }), actions: [] })],
  ['device-action-form: stop and quarantine a file, run at once', () => formOf(deviceActionFormAction({ setId: 'set-0002', count: 1, verb: CARD_VERBS.devicesRequestQuarantine, title: 'Stop and quarantine a file', asks: 'sha1', runsAtOnce: true, sha1: FILES.malware.sha1 }))],
  ['device-list: every device of a set', () => deviceListCards(DEVICE_SET.devices)],
  ['device-list: machine actions on a device', () => machineActionsCard(`Machine actions on ${String(MACHINE.computerDnsName)}`, [{ id: 'act-1', type: 'Isolate', status: 'Succeeded', machineId: MACHINE.id, computerDnsName: MACHINE.computerDnsName, creationDateTimeUtc: '2026-12-02T16:01:00Z', requestorComment: 'Verdict req-1: seen in INC-42' }])],
  ['indicators: with its remove and extend forms', () => indicatorsCard(INDICATOR_REVIEW, [], [REMOVE_INDICATORS_FORM, EXTEND_INDICATORS_FORM])],
  ['indicators: hunting could not profile the hashes', () => indicatorsCard(reviewIndicators({ indicators: INDICATORS, profiles: null, now: SAMPLE_NOW }), ['Advanced hunting is not permitted for Verdict (ThreatHunting.Read.All), so redundancy was not reviewed.'])],
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
