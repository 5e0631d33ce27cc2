import type { BlockFileRequest } from '../../src/response-actions/block-file/request';
import { coversAction } from '../../src/response-actions/block-file/indicator-strength';
import { as, ALICE, blockInput, setup, SHA1, SHA256, T0, TENANT, type Harness } from './containment-fakes';

const ask = (h: Harness, input: object) => h.service.request({ actor: as(ALICE, 'responder'), tenantId: TENANT, conversation: { id: '19:soc@thread.tacv2' }, input });
const indicator = (action: string, over: object = {}) => ({ id: '4711', action, expirationTime: null, createdBy: 'soc-lead@contoso.com', ...over });
const asking = (action: string) => blockInput({ parameters: { action, generateAlert: true } });

describe('indicator strength', () => {
  it.each([
    // existing, requested, covered?
    ['Block', 'Block', true],
    ['BlockAndRemediate', 'Block', true],
    ['Block', 'Audit', true],
    ['AlertAndBlock', 'Block', true],
    ['Alert', 'Audit', true],
    ['Warn', 'Audit', true],
    ['Allowed', 'Allowed', true],
    ['Audit', 'Block', false],
    ['Warn', 'Block', false],
    ['Block', 'BlockAndRemediate', false],
    ['Allowed', 'Block', false],
    ['Allowed', 'Audit', false],
    ['Block', 'Allowed', false],
    ['Audit', 'Allowed', false],
    ['Unknown', 'Block', true],
    ['SomethingNew', 'Allowed', true],
  ] as const)('when %s exists and %s is asked, then covered is %p', (existing, requested, covered) => {
    expect(coversAction(existing, requested)).toBe(covered);
  });
});

describe('containment request over a weaker indicator', () => {
  it('when Block is asked and the SHA-256 has an Allowed indicator, then the request opens, superseding it in place, and the journal says so', async () => {
    const h = setup();
    h.indicators.byValue.set(SHA256, indicator('Allowed', { expirationTime: '2026-06-01T00:00:00Z' }));
    const result = await ask(h, blockInput());
    const supersedes = { id: '4711', action: 'Allowed', hash: 'sha256', replaced: true, expirationTime: '2026-06-01T00:00:00Z', createdBy: 'soc-lead@contoso.com' };
    expect(result).toMatchObject({ ok: true, request: { state: 'requested', supersedes } });
    expect(result.ok && (await h.service.get(result.request.id, TENANT))).toMatchObject({ supersedes });
    expect(h.audit.entries).toEqual([expect.objectContaining({ type: 'containment.requested', data: expect.objectContaining({ supersedes }) })]);
  });

  it('when Block is asked and only the SHA-1 has an Allowed indicator, then it is superseded but not replaced (the SHA-256 one outranks it)', async () => {
    const h = setup();
    h.indicators.byValue.set(SHA1, indicator('Allowed'));
    expect(await ask(h, blockInput())).toMatchObject({ ok: true, request: { supersedes: { id: '4711', hash: 'sha1', replaced: false } } });
    expect(h.indicators.finds).toEqual([SHA256, SHA1]);
  });

  it('when the file has only a SHA-1 and it has an Audit indicator, then a Block request replaces it', async () => {
    const h = setup();
    h.indicators.byValue.set(SHA1, indicator('Audit'));
    expect(await ask(h, blockInput({ target: { sha256: undefined } }))).toMatchObject({ ok: true, request: { supersedes: { action: 'Audit', hash: 'sha1', replaced: true } } });
  });

  it('when the SHA-256 is Allowed and the SHA-1 Blocked, then the SHA-256 one governs the file and Block is not refused', async () => {
    const h = setup();
    h.indicators.byValue.set(SHA256, indicator('Allowed', { id: '1' }));
    h.indicators.byValue.set(SHA1, indicator('Block', { id: '2' }));
    expect(await ask(h, blockInput())).toMatchObject({ ok: true, request: { supersedes: { id: '1', hash: 'sha256' } } });
    expect(h.indicators.finds).toEqual([SHA256]);
  });

  it('when Audit is asked and a Block indicator exists, then it is refused as already-blocked', async () => {
    const h = setup();
    h.indicators.byValue.set(SHA256, indicator('Block'));
    expect(await ask(h, asking('Audit'))).toEqual({ ok: false, reason: 'precheck-refused', refusal: { reason: 'already-blocked', detail: { existing: indicator('Block') } } });
    expect(h.audit.types()).toEqual(['containment.refused']);
  });

  it('when Allowed is asked and an Allowed indicator exists, then it is refused as already covered', async () => {
    const h = setup();
    h.indicators.byValue.set(SHA256, indicator('Allowed'));
    expect(await ask(h, asking('Allowed'))).toMatchObject({ ok: false, reason: 'precheck-refused', refusal: { reason: 'already-blocked', detail: { existing: { action: 'Allowed' } } } });
  });

  it('when Allowed is asked over a Block indicator, then it goes to an approver, who is told the block is replaced', async () => {
    const h = setup();
    h.indicators.byValue.set(SHA256, indicator('Block'));
    expect(await ask(h, asking('Allowed'))).toMatchObject({ ok: true, request: { parameters: { action: 'Allowed' }, supersedes: { action: 'Block', replaced: true } } });
  });

  it('when the weaker indicator has expired, then nothing is superseded', async () => {
    const h = setup();
    h.indicators.byValue.set(SHA256, indicator('Allowed', { expirationTime: new Date(T0 - 1).toISOString() }));
    const result = await ask(h, blockInput());
    expect(result).toMatchObject({ ok: true });
    expect(result.ok && result.request.kind === 'block-file' && (result.request as BlockFileRequest).supersedes).toBeUndefined();
  });

  it('when the quota is full, then replacing an indicator in place is still possible, but adding one is not', async () => {
    const h = setup();
    h.indicators.count = 15_000;
    h.indicators.byValue.set(SHA256, indicator('Audit'));
    expect(await ask(h, blockInput())).toMatchObject({ ok: true, request: { supersedes: { replaced: true } } });
    h.indicators.byValue.clear();
    h.indicators.byValue.set(SHA1, indicator('Audit'));
    expect(await ask(h, blockInput())).toMatchObject({ ok: false, reason: 'precheck-refused', refusal: { reason: 'quota-exceeded' } });
  });
});
