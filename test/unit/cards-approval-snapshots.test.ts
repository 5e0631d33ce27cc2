import { ALL_BUTTONS } from '../../src/cards/approval-card';
import { approvalCard } from '../support/stored-request';
import { cardOutline } from '../support/card-text';
import { KINDS, requestIn, STATES } from '../support/approval-requests';

const CASES = KINDS.flatMap((kind) => Object.keys(STATES).map((state) => [state, kind] as const));

describe('approval card snapshots', () => {
  // Every button offered: the card itself shows only those its state allows (all three while it
  // waits, Approve again when its start was undone, none otherwise).
  it.each(CASES)('when the request is %s (%s), then its text and actions match the snapshot', (state, kind) => {
    expect(cardOutline(approvalCard({ request: requestIn(kind, STATES[state] ?? {}), buttons: ALL_BUTTONS }))).toMatchSnapshot();
  });

  it('when a waiting request is posted with its viewers, a notice and a warning, then its layout matches the snapshot', () => {
    const card = approvalCard({
      request: requestIn('block-file', STATES.requested ?? {}),
      buttons: ALL_BUTTONS,
      viewers: { userIds: ['29:alex', '29:megan'], approverNames: ['Megan Bowen'] },
      notice: 'Say why you deny the request: the requester sees it.',
      warnings: ['Indicator quota: 14,000 of 15,000 in use'],
    });
    expect(card).toMatchSnapshot();
  });
});
