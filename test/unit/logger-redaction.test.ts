import { createLogger } from '../../src/logger';

function capture() {
  const lines: string[] = [];
  const logger = createLogger({ level: 'info', destination: { write: (line: string) => void lines.push(line) } });
  return { logger, text: () => lines.join('') };
}

describe('log redaction', () => {
  it('when secrets are nested at any depth, in any case, or in arrays, then none reaches the log line', () => {
    const { logger, text } = capture();
    logger.info(
      {
        request: { options: { headers: { Authorization: 'Bearer eyJ-secret-1' } } },
        deep: { a: { b: { c: { d: { token: 'secret-2', accessToken: 'secret-3' } } } } },
        list: [{ clientSecret: 'secret-4' }, { nested: [{ password: 'secret-5', refresh_token: 'secret-6' }] }],
        config: { client_secret: 'secret-7', apiKey: 'secret-8', cookie: 'secret-9' },
        requestId: 'req-1',
      },
      'calling MDE',
    );
    const line = text();
    for (let i = 1; i <= 9; i++) expect(line).not.toContain(`secret-${i}`);
    expect(line).toContain('[redacted]');
    // What is not a secret stays readable.
    expect(JSON.parse(line)).toMatchObject({ requestId: 'req-1', msg: 'calling MDE', deep: { a: { b: { c: { d: { token: '[redacted]' } } } } } });
  });

  it('when a secret hides in a compound or environment-style name (connection strings, *Password, MDE_CLIENT_SECRET, X-Api-Key), then it is redacted too', () => {
    const { logger, text } = capture();
    logger.info(
      {
        env: { MDE_CLIENT_SECRET: 'secret-1', MicrosoftAppPassword: 'secret-2', AZURE_STORAGE_CONNECTION_STRING: 'secret-3' },
        store: { connectionString: 'secret-4' },
        headers: { 'X-Api-Key': 'secret-5', 'x-ms-client-secret': 'secret-6' },
        credentials: { clientCertificate: { privateKey: 'secret-7' } },
        operation: 'files.get',
        tokenCount: 3,
      },
      'config',
    );
    const line = text();
    for (let i = 1; i <= 7; i++) expect(line).not.toContain(`secret-${i}`);
    expect(JSON.parse(line)).toMatchObject({ operation: 'files.get', msg: 'config' });
  });

  it('when an error carries the request it failed (headers and all), then it is logged as an error with its secrets redacted', () => {
    const { logger, text } = capture();
    const cause = Object.assign(new Error('inner'), { config: { headers: { authorization: 'Bearer secret-cause' } } });
    const err = Object.assign(new Error('boom', { cause }), { statusCode: 401, request: { headers: { Authorization: 'Bearer secret-err' } } });
    logger.error({ err }, 'failed');
    const line = text();
    expect(line).not.toContain('secret-err');
    expect(line).not.toContain('secret-cause');
    expect(JSON.parse(line)).toMatchObject({ err: { type: 'Error', message: expect.stringContaining('boom'), statusCode: 401, stack: expect.stringContaining('Error: boom') } });
  });

  it('when an object is cyclic, then logging it still works', () => {
    const { logger, text } = capture();
    const a: Record<string, unknown> = { name: 'a' };
    a.self = a;
    logger.info({ a }, 'cyclic');
    expect(JSON.parse(text())).toMatchObject({ msg: 'cyclic', a: { name: 'a' } });
  });
});
