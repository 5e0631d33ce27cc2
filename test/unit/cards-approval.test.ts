import { decidersText, ALL_BUTTONS, NO_BUTTONS } from '../../src/cards/approval-card';
import { blockRequestFormAction } from '../../src/cards/block-request-form';
import { CARD_VERBS } from '../../src/cards/card-verbs';
import { containmentRequestSchema, type ContainmentRequest, approvalCard } from '../support/stored-request';
import { cardText } from '../support/card-text';

const SHA = '275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f';
const alex = { aadObjectId: '3a8f1c52-6b0e-4d7a-9c21-5e4b7f0a1d01', name: 'Alex *Wilber*' };
const megan = { aadObjectId: '3a8f1c52-6b0e-4d7a-9c21-5e4b7f0a1d02', name: 'Megan Bowen' };

const request = (over: Partial<ContainmentRequest> = {}): ContainmentRequest =>
  containmentRequestSchema.parse({
    id: 'req_ABCdef123456789012345',
    kind: 'block-file',
    state: 'requested',
    tenantId: 't',
    requester: alex,
    createdAt: '2026-03-02T09:00:00.000Z',
    expiresAt: '2026-03-02T10:00:00.000Z',
    reason: 'Seen in [advisory](https://evil.example) ${$root.x}',
    target: { sha256: SHA, verdict: 'Malicious' },
    parameters: { action: 'Block', generateAlert: true, severity: 'High', expirationTime: '2026-04-01T09:00:00.000Z', title: 'EICAR', description: 'd' },
    conversation: { id: 'c' },
    history: [],
    revision: 0,
    ...over,
  });

const actions = (card: unknown) => ((card as { actions?: { title: string; verb?: string; data?: unknown }[] }).actions ?? []);

describe('approval card', () => {
  it('when a request waits, then it names requester, hash, verdict, action and reason, escapes them, and carries a refresh', () => {
    const card = approvalCard({ request: request(), buttons: ALL_BUTTONS });
    const text = cardText(card);
    expect(text).toMatch(/Waiting for an approver/);
    expect(text).toContain(SHA);
    expect(text).toContain('Alex \\*Wilber\\*');
    expect(text).toContain('\\[advisory\\]');
    expect(text).toContain('${$root.x}');
    expect(actions(card).map((a) => a.title)).toEqual(['Approve', 'Deny', 'Cancel request']);
    expect(card.refresh).toEqual({ action: { type: 'Action.Execute', verb: CARD_VERBS.containmentView, data: { requestId: 'req_ABCdef123456789012345' } } });
  });

  it('when buttons carry data, then it is the request id only', () => {
    const card = approvalCard({ request: request(), buttons: ALL_BUTTONS });
    expect(actions(card).find((a) => a.verb === CARD_VERBS.containmentApprove)?.data).toEqual({ requestId: 'req_ABCdef123456789012345' });
  });

  it('when the request succeeded, then the card shows who approved and the indicator id, with no buttons and no refresh', () => {
    const done = request({
      state: 'succeeded',
      decision: { by: megan, at: '2026-03-02T09:10:00.000Z' },
      execution: { startedAt: '2026-03-02T09:10:00.000Z', finishedAt: '2026-03-02T09:10:01.000Z', mdeId: '9001', mdeStatus: 'Active' },
    });
    const card = approvalCard({ request: done, buttons: ALL_BUTTONS });
    expect(cardText(card)).toMatch(/Approved by Megan Bowen: done\. Indicator 9001[\s\S]*Indicator id\n9001/);
    expect(actions(card)).toEqual([]);
    expect(card.refresh).toBeUndefined();
  });

  it('when the MDE status is a bulk run’s (up to 64 characters), then the MDE status fact shows it whole', () => {
    const status = 'Completed: 1,000 ok, 120 already pending, 3 failed';
    const done = request({ state: 'succeeded', decision: { by: megan, at: '2026-03-02T09:10:00.000Z' }, execution: { startedAt: '2026-03-02T09:10:00.000Z', finishedAt: '2026-03-02T09:10:01.000Z', mdeId: '9001', mdeStatus: status } });
    expect(cardText(approvalCard({ request: done, buttons: ALL_BUTTONS }))).toContain(`MDE status\n${status}`);
  });

  it('when execution failed for a missing permission, then the card names it with the correlation id', () => {
    const failed = request({
      state: 'failed',
      decision: { by: megan, at: '2026-03-02T09:10:00.000Z' },
      execution: { startedAt: '2026-03-02T09:10:00.000Z', error: { kind: 'forbidden', code: 'Forbidden', status: 403, correlationId: 'corr-1', message: 'Forbidden', permissions: ['Ti.ReadWrite.All'] } },
    });
    expect(cardText(approvalCard({ request: failed, buttons: NO_BUTTONS }))).toMatch(/did not do it[\s\S]*Ti\.ReadWrite\.All[\s\S]*corr-1/);
  });
});

describe('request block form', () => {
  it('when built, then its only button carries the hash and the prefilled title fits MDE limits', () => {
    const action = blockRequestFormAction({ sha: SHA, verdictLabel: 'Malicious', fileName: 'x'.repeat(500), threatName: '${evil}' });
    expect(action.type).toBe('Action.ShowCard');
    const card = action.type === 'Action.ShowCard' ? action.card : {};
    const execute = (card as { actions: { verb: string; data: unknown }[] }).actions[0];
    expect(execute).toMatchObject({ verb: CARD_VERBS.containmentRequestBlock, data: { sha: SHA } });
    const title = ((card as { body: { id?: string; value?: string }[] }).body.find((b) => b.id === 'title')?.value ?? '');
    expect(Array.from(title).length).toBeLessThanOrEqual(100);
    expect(JSON.stringify(card)).toContain('${evil}');
  });
});

describe('approval card heading names what approving does', () => {
  it.each([
    ['Block', 'Containment request: block a file'],
    ['BlockAndRemediate', 'Containment request: block a file'],
    ['Allowed', 'Indicator request: ALLOW a file (allow-list it; Defender will not block it)'],
    ['Audit', 'Indicator request: audit a file (alert only; the file is not blocked)'],
  ])('when the requested action is %s, then the heading is %j', (action, heading) => {
    const base = request();
    const fixture = request({ parameters: { ...(base.parameters as object), action } } as Partial<ContainmentRequest>);
    expect(cardText(approvalCard({ request: fixture, buttons: NO_BUTTONS }))).toContain(heading);
  });
});

describe('approval card over an existing weaker indicator', () => {
  const supersedes = { id: '4711', action: 'Allowed', hash: 'sha256' as const, replaced: true, expirationTime: null, createdBy: 'soc-lead@contoso.com' };
  const over = (more: Partial<ContainmentRequest> = {}) => request({ supersedes, ...more } as Partial<ContainmentRequest>);

  it('when the request waits, then a warning tells the approver that indicator #id (Allowed) is replaced', () => {
    const text = cardText(approvalCard({ request: over(), buttons: ALL_BUTTONS }));
    expect(text).toMatch(/^This SHA-256 already has indicator #4711 \(Allowed\)\. Approving replaces it: Defender keeps one indicator per hash, so #4711 is updated to Block\./);
    expect(text).not.toContain('Existing indicator');
  });

  it('when it is on the SHA-1, then the warning says it stays and the SHA-256 indicator takes precedence', () => {
    const text = cardText(approvalCard({ request: over({ supersedes: { ...supersedes, hash: 'sha1', replaced: false } } as Partial<ContainmentRequest>), buttons: ALL_BUTTONS }));
    expect(text).toContain("The file's SHA-1 already has indicator #4711 (Allowed). Approving adds a Block indicator on the SHA-256, which takes precedence");
  });

  it('when a click is refused as well, then both notices show', () => {
    const text = cardText(approvalCard({ request: over(), buttons: NO_BUTTONS, notice: 'Four-eyes.' }));
    expect(text).toMatch(/^Four-eyes\.\nThis SHA-256 already has indicator #4711/);
  });

  it('when the request is decided, then the warning becomes a fact', () => {
    const done = over({ state: 'denied', decision: { by: megan, at: '2026-03-02T09:10:00.000Z', comment: 'no' } });
    const text = cardText(approvalCard({ request: done, buttons: NO_BUTTONS }));
    expect(text).toContain('Existing indicator\nindicator #4711 (Allowed) on the SHA-256; approving replaces it with Block');
    expect(text).not.toContain('already has');
  });

  it('when nothing is superseded, then there is no notice at all', () => {
    const card = approvalCard({ request: request(), buttons: ALL_BUTTONS });
    // The heading comes first: no notice container above it.
    expect(cardText(card)).toMatch(/^Containment request: block a file\n/);
    expect(cardText(card)).not.toContain('already has');
  });
});

describe('approval card for an isolation', () => {
  const MACHINE = '1e5bc9d7e413ddd7902c2932e418702b84d0cc07';
  const isolation = (target: object) =>
    request({ kind: 'isolate-device', target: { machineId: MACHINE, ...target }, parameters: { isolationType: 'Full' } } as unknown as Partial<ContainmentRequest>);

  it("when Defender named the device, then the card shows it as name (id)", () => {
    const text = cardText(approvalCard({ request: isolation({ computerDnsName: 'ws_07.contoso.com' }), buttons: ALL_BUTTONS }));
    expect(text).toContain(`Device\nws\\_07.contoso.com (${MACHINE})`);
  });

  it('when the device has no name, then the card shows the id alone', () => {
    expect(cardText(approvalCard({ request: isolation({}), buttons: ALL_BUTTONS }))).toContain(`Device id\n${MACHINE}`);
  });

  it('when the viewers are known, then refresh.userIds lists them and the card says who can decide here; once decided, neither', () => {
    const viewers = { userIds: ['29:alex', '29:megan'], approverNames: ['Megan *Bowen*'] };
    const card = approvalCard({ request: request(), buttons: NO_BUTTONS, viewers });
    expect(card.refresh).toEqual({ action: { type: 'Action.Execute', verb: CARD_VERBS.containmentView, data: { requestId: 'req_ABCdef123456789012345' } }, userIds: ['29:alex', '29:megan'] });
    expect(cardText(card)).toContain('Can decide here');
    expect(cardText(card)).toContain('Megan \\*Bowen\\*');
    expect(actions(card)).toEqual([]);
    const decided = approvalCard({ request: request({ state: 'denied', decision: { by: megan, at: '2026-03-02T09:10:00.000Z', comment: 'no' } }), buttons: NO_BUTTONS, viewers });
    expect(decided.refresh).toBeUndefined();
    expect(cardText(decided)).not.toContain('Can decide here');
  });

  it.each([
    [[], 'no approver is in this conversation'],
    [['Megan Bowen'], 'Megan Bowen'],
    [['A', 'B', 'C'], 'A, B, C'],
    [['A', 'B', 'C', 'D', 'E'], 'A, B and 3 more'],
  ])('when the approvers here are %j, then "Can decide here" reads %s', (approverNames, text) => {
    expect(decidersText({ userIds: [], approverNames })).toBe(text);
  });

  it('when an approval could not be started (journal refused it), then the card says nothing was sent and offers Approve again only', () => {
    const stuck = request({ state: 'approved', resumable: true, decision: { by: megan, at: '2026-03-02T09:10:00.000Z' } });
    const card = approvalCard({ request: stuck, buttons: ALL_BUTTONS });
    expect(cardText(card)).toMatch(/Approved by Megan Bowen, but not started: .* nothing was sent to Defender/);
    expect(actions(card).map((a) => a.title)).toEqual(['Approve']);
    expect(card.refresh).toBeDefined();
    const running = approvalCard({ request: request({ state: 'approved', decision: { by: megan, at: '2026-03-02T09:10:00.000Z' } }), buttons: ALL_BUTTONS });
    expect(actions(running)).toEqual([]);
    expect(cardText(running)).toContain('executing in Defender');
  });
});
