import { validateInput } from '../../src/containment/validate-input';
import { KINDS } from '../support/stored-request';
import { blockInput, isolateInput, MACHINE, MINUTE, SHA1, SHA256, T0 } from './containment-fakes';

const context = { now: T0, ttlMs: 60 * MINUTE, maxIndicatorLifetimeMs: 365 * 24 * 60 * MINUTE };
const DAY = 24 * 60 * MINUTE;

describe('validateInput', () => {
  it.each([
    ['a missing reason', blockInput({ reason: '   ' }), 'reason: reason is required'],
    ['no hash at all', blockInput({ target: { sha256: undefined, sha1: undefined } }), 'a SHA-256 or SHA-1 is required'],
    ['an MD5 as SHA-1', blockInput({ target: { sha256: undefined, sha1: '44d88612fea8a8f36de82e1278abb02f' } }), 'SHA-1 must be exactly 40 hex characters'],
    ['a SHA-256 with a stray space', blockInput({ target: { sha256: ` ${SHA256}` } }), 'SHA-256 must be exactly 64 hex characters'],
    ['a deprecated action', blockInput({ parameters: { action: 'AlertAndBlock' } }), 'parameters.action'],
    ['Warn on a file', blockInput({ parameters: { action: 'Warn' } }), 'Warn applies to Defender for Cloud Apps only'],
    ['Audit without an alert', blockInput({ parameters: { action: 'Audit', generateAlert: false } }), 'Audit requires generateAlert'],
    ['no title', blockInput({ parameters: { title: '' } }), 'title is required'],
    ['a 101-character title', blockInput({ parameters: { title: 'x'.repeat(101) } }), 'title is longer than 100 characters'],
    ['no description', blockInput({ parameters: { description: ' ' } }), 'description is required'],
    ['an expiry without a zone', blockInput({ parameters: { expirationTime: '2026-04-01T00:00:00' } }), 'ISO 8601'],
    ['an expiry inside the approval window', blockInput({ parameters: { expirationTime: new Date(T0 + 30 * MINUTE).toISOString() } }), 'after the approval window closes'],
    ['an expiry in the past', blockInput({ parameters: { expirationTime: '2020-12-12T00:00:00Z' } }), 'after the approval window closes'],
    ['an expiry over a year out', blockInput({ parameters: { expirationTime: new Date(T0 + 400 * DAY).toISOString() } }), 'further out than policy allows'],
    ['an unknown severity', blockInput({ parameters: { severity: 'Critical' } }), 'parameters.severity'],
    ['a 39-hex machine id', isolateInput({ target: { machineId: MACHINE.slice(1) } }), 'machine id must be exactly 40 hex characters'],
    ['a machine id inside other text', isolateInput({ target: { machineId: `${MACHINE}x` } }), 'machine id must be exactly 40 hex characters'],
    ['a device name as machine id', isolateInput({ target: { machineId: 'ws-0042.contoso.com' } }), 'machine id must be exactly 40 hex characters'],
    ['an unmanaged-device isolation', isolateInput({ parameters: { isolationType: 'UnManagedDevice' } }), 'parameters.isolationType'],
    ['an unknown kind', { ...blockInput(), kind: 'delete-file' }, 'kind'],
  ])('when the input has %s, then it is refused naming the problem', (_what, input, issue) => {
    const result = validateInput(input, KINDS, context);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.issues.join('\n')).toContain(issue);
  });

  it('when hashes and machine ids are upper-case, then they are accepted in lower case', () => {
    const block = validateInput(blockInput({ target: { sha256: SHA256.toUpperCase(), sha1: SHA1.toUpperCase() } }), KINDS, context);
    expect(block.ok && block.input.target).toMatchObject({ sha256: SHA256, sha1: SHA1 });
    const isolate = validateInput(isolateInput({ target: { machineId: MACHINE.toUpperCase() } }), KINDS, context);
    expect(isolate.ok && isolate.input.target).toEqual({ machineId: MACHINE, computerDnsName: 'ws-0042.contoso.com' });
  });

  it('when text has surrounding space and groups repeat, then text is trimmed and groups deduplicated', () => {
    const result = validateInput(blockInput({ reason: '  INC-4211  ', parameters: { title: ' Block it ', rbacGroupNames: ['Servers', 'Servers', 'Laptops'] } }), KINDS, context);
    expect(result.ok && result.input).toMatchObject({ reason: 'INC-4211', parameters: { title: 'Block it', rbacGroupNames: ['Servers', 'Laptops'] } });
  });

  it('when the group list is empty, then it is left out (MDE reads both as all devices)', () => {
    const result = validateInput(blockInput({ parameters: { rbacGroupNames: [] } }), KINDS, context);
    expect(result.ok && 'rbacGroupNames' in result.input.parameters).toBe(false);
  });

  it('when the expiry has an offset, then it is stored as UTC', () => {
    const result = validateInput(blockInput({ parameters: { expirationTime: '2026-03-10T12:00:00+02:00' } }), KINDS, context);
    expect(result.ok && result.input.kind === 'block-file' && result.input.parameters.expirationTime).toBe('2026-03-10T10:00:00.000Z');
  });

  it('when only a SHA-1 is given, then the input is valid', () => {
    expect(validateInput(blockInput({ target: { sha256: undefined } }), KINDS, context).ok).toBe(true);
  });
});
