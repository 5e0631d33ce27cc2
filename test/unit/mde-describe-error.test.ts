import { describeMdeError } from '../../src/mde/describe-error';
import { MdeError, type MdeErrorInit } from '../../src/mde/errors';

const describe_ = (init: Partial<MdeErrorInit> & Pick<MdeErrorInit, 'kind'>) =>
  describeMdeError(new MdeError({ operation: 'files.get', permissions: ['File.Read.All'], ...init }));

describe('describeMdeError', () => {
  it('when the app lacks a permission, then the text names it and asks for admin consent', () => {
    expect(describe_({ kind: 'forbidden', status: 403, code: 'Forbidden' })).toEqual({
      title: 'Verdict is missing a Defender permission',
      detail: 'The Verdict app registration lacks File.Read.All.',
      action: 'Ask an admin to grant it (WindowsDefenderATP application permission) and give admin consent.',
    });
  });

  it('when several permissions are needed, then all are listed', () => {
    const text = describe_({ kind: 'forbidden', permissions: ['Ti.ReadWrite.All', 'Machine.Isolate', 'Machine.Read.All'] });
    expect(text.detail).toBe('The Verdict app registration lacks Ti.ReadWrite.All, Machine.Isolate and Machine.Read.All.');
    expect(text.action).toContain('grant them');
  });

  it('when the feature is disabled, then the text says so instead of blaming permissions', () => {
    expect(describe_({ kind: 'forbidden', code: 'DisabledFeature' }).title).toBe('This Defender feature is turned off');
  });

  it('when MDE is throttling, then the text says how many seconds to wait (rounded up)', () => {
    expect(describe_({ kind: 'throttled', retryAfterMs: 41_200 }).detail).toBe('MDE is rate-limiting us; try again in 42 s.');
    expect(describe_({ kind: 'throttled' }).detail).toBe('MDE is rate-limiting us; try again in a minute.');
  });

  it('when Entra refuses the credentials, then the AADSTS code is shown with what to check', () => {
    const text = describe_({ kind: 'unauthorized', operation: 'token', code: 'AADSTS7000215' });
    expect(text.detail).toBe("MDE rejected Verdict's credentials (AADSTS7000215): Entra would not issue a token.");
    expect(text.action).toContain('client secret or certificate');
  });

  it('when MDE refuses the token, then the text points at tenant and consent', () => {
    expect(describe_({ kind: 'unauthorized', status: 401 }).detail).toBe("MDE rejected Verdict's token for the file lookup.");
  });

  it('when the hash is not SHA-1/SHA-256, then the text explains MD5 is not accepted', () => {
    expect(describe_({ kind: 'bad-request', code: 'InvalidHashValue' }).detail).toContain('SHA-1 or SHA-256 only; MD5');
  });

  it.each([
    ['timeout', 'Defender did not answer in time', 'No answer for the file lookup in time.'],
    ['server', 'Defender had an internal error', 'MDE failed the file lookup with HTTP 503.'],
    ['network', 'Verdict could not reach Defender', 'The MDE API could not be reached.'],
    ['malformed', 'Defender sent an unexpected answer', "MDE's answer to the file lookup did not have the expected shape."],
    ['not-found', 'Not found in Defender', 'MDE has no record for the file lookup.'],
    ['bad-request', 'Defender rejected the request', 'MDE rejected the file lookup (InvalidInput).'],
  ] as const)('when the kind is %s, then the title and detail explain it', (kind, title, detail) => {
    const text = describe_({ kind, status: kind === 'server' ? 503 : undefined, code: kind === 'bad-request' ? 'InvalidInput' : undefined });
    expect(text).toMatchObject({ title, detail });
    expect(text.action.length).toBeGreaterThan(10);
  });

  it('when the operation is unknown, then its id is used rather than nothing', () => {
    expect(describe_({ kind: 'timeout', operation: 'machines.offboard' }).detail).toBe('No answer for machines.offboard in time.');
  });
});
