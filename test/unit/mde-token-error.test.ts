import { AuthError, ServerError } from '@azure/msal-node';
import { MdeError } from '../../src/mde/errors';
import { tokenError } from '../../src/mde/token-error';

const SECRET = 'super~secret~value';

describe('tokenError', () => {
  it('when Entra says invalid_client, then it is unauthorized with the AADSTS code and correlation id', () => {
    const err = new ServerError('invalid_client', 'corr-1', 'Error(s): 7000215 - Description: AADSTS7000215: Invalid client secret provided.', undefined, '7000215', 401);
    const mapped = tokenError(err);
    expect(mapped).toMatchObject({ kind: 'unauthorized', operation: 'token', code: 'AADSTS7000215', status: 401, target: 'corr-1' });
  });

  it('when only the message carries the AADSTS code, then it is still found', () => {
    const err = new ServerError('unauthorized_client', '', 'AADSTS700016: Application not found in the directory');
    expect(tokenError(err)).toMatchObject({ kind: 'unauthorized', code: 'AADSTS700016' });
  });

  it.each(['network_error', 'openid_config_error', 'endpoints_resolution_error', 'untrusted_authority'])(
    'when msal fails with %s, then it is a network failure',
    (code) => {
      expect(tokenError(new AuthError(code, 'could not reach'))).toMatchObject({ kind: 'network', code });
    },
  );

  it('when Entra answers 5xx or 429, then it is server or throttled', () => {
    expect(tokenError(new ServerError('temporarily_unavailable', '', 'x', undefined, undefined, 503)).kind).toBe('server');
    expect(tokenError(new ServerError('throttled', '', 'x', undefined, undefined, 429)).kind).toBe('throttled');
  });

  it('when the error is already an MdeError, then it passes through unchanged', () => {
    const original = new MdeError({ kind: 'timeout', operation: 'token' });
    expect(tokenError(original)).toBe(original);
  });

  it('when an unknown error carries a secret in its message, then the MdeError message does not', () => {
    const mapped = tokenError(new Error(`client_secret=${SECRET}`));
    expect(mapped.kind).toBe('unauthorized');
    expect(mapped.message).not.toContain(SECRET);
    expect(mapped.message).toBe('mde.unauthorized: token');
    expect(String((mapped.cause as Error).message)).not.toContain(SECRET);
  });
});
