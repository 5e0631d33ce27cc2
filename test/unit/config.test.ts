import { loadConfig } from '../../src/config';

const errorsOf = (env: Record<string, string>) => {
  const result = loadConfig(env);
  if (result.ok) throw new Error('expected invalid configuration');
  return result.errors;
};

describe('loadConfig', () => {
  it('when the environment is empty, then it runs the sandbox on 127.0.0.1:3978 with ./.verdict state', () => {
    const result = loadConfig({});
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.mde.mode).toBe('sandbox');
    expect(result.config.port).toBe(3978);
    expect(result.config.host).toBe('127.0.0.1');
    expect(result.config.mde.cloud).toBe('commercial');
    expect(result.config.stateDir).toBe('./.verdict');
  });

  it('when live mode has no credentials, then every missing key is named at once', () => {
    const errors = errorsOf({ MDE_MODE: 'live' });
    expect(errors.join('\n')).toMatch(/MDE_TENANT_ID/);
    expect(errors.join('\n')).toMatch(/MDE_CLIENT_ID/);
    expect(errors.join('\n')).toMatch(/MDE_CLIENT_CERTIFICATE_PATH: or MDE_CLIENT_SECRET is required/);
  });

  it('when live mode has a secret, then it is valid and keeps the secret', () => {
    const result = loadConfig({ MDE_MODE: 'live', MDE_TENANT_ID: 't', MDE_CLIENT_ID: 'c', MDE_CLIENT_SECRET: 's' });
    expect(result.ok && result.config.mde.clientSecret).toBe('s');
  });

  it('when several keys are bad, then all are reported and no value is echoed', () => {
    const secret = 'super-secret-value-123';
    const errors = errorsOf({
      PORT: 'not-a-port',
      MDE_MODE: 'production',
      MDE_CLOUD: 'mars',
      MDE_CLIENT_SECRET: secret,
      MDE_CLIENT_CERTIFICATE_PATH: '/tmp/cert.pem',
      ROLE_GROUPS_APPROVER: 'admins, 0b7c6c1e-6a3f-4a0e-9a57-3b1f2e4d5c6a',
      MDE_API_BASE_URL: 'api.example',
    });
    const text = errors.join('\n');
    for (const key of ['PORT', 'MDE_MODE', 'MDE_CLOUD', 'ROLE_GROUPS_APPROVER', 'MDE_API_BASE_URL']) expect(text).toContain(key);
    expect(text).not.toContain(secret);
    expect(text).not.toContain('admins');
    expect(text).not.toContain('api.example');
  });

  it('when the bot has no app id but listens on every interface, then it refuses to start', () => {
    expect(errorsOf({ HOST: '0.0.0.0' }).join('\n')).toMatch(/MicrosoftAppId: is required when the bot listens beyond loopback/);
  });

  it('when the bot has an app id, then it listens on every interface by default and needs a password', () => {
    expect(errorsOf({ MicrosoftAppId: 'app' }).join('\n')).toMatch(/MicrosoftAppPassword/);
    const result = loadConfig({ MicrosoftAppId: 'app', MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: 't' });
    expect(result.ok && result.config.host).toBe('0.0.0.0');
  });

  it('when role groups are GUID lists, then they are split and trimmed', () => {
    const a = '0b7c6c1e-6a3f-4a0e-9a57-3b1f2e4d5c6a';
    const b = '1b7c6c1e-6a3f-4a0e-9a57-3b1f2e4d5c6b';
    const result = loadConfig({ ROLE_GROUPS_RESPONDER: ` ${a} ,${b},` });
    expect(result.ok && result.config.roles.responderGroups).toEqual([a, b]);
  });

  it('when an audit channel is set without its service URL, then that is named', () => {
    expect(errorsOf({ AUDIT_CHANNEL_ID: '19:x@thread.tacv2' }).join('\n')).toMatch(/AUDIT_SERVICE_URL/);
  });

  it('when roles, state and containment are not configured, then the safe defaults apply', () => {
    const result = loadConfig({});
    if (!result.ok) throw new Error('expected valid configuration');
    expect(result.config.roles).toMatchObject({ defaultRole: 'none', cacheTtlMs: 180_000 });
    expect(result.config.state).toEqual({ kind: 'file' });
    expect(result.config.containment).toEqual({ ttlMs: 3_600_000, fourEyes: true, actionPolicy: new Map() });
  });

  it('when the blob store has no connection string, then start is refused naming the key', () => {
    expect(errorsOf({ STATE_STORE: 'blob' }).join('\n')).toMatch(/STATE_BLOB_CONNECTION_STRING: is required when STATE_STORE=blob/);
    const ok = loadConfig({ STATE_STORE: 'blob', STATE_BLOB_CONNECTION_STRING: 'UseDevelopmentStorage=true' });
    expect(ok.ok && ok.config.state).toEqual({ kind: 'blob', connectionString: 'UseDevelopmentStorage=true', container: 'verdict-state' });
  });

  it('when both ROLES_FILE and ROLE_GROUPS_* are set, then start is refused', () => {
    expect(errorsOf({ ROLES_FILE: 'roles.json', ROLE_GROUPS_READER: '0b7c6c1e-6a3f-4a0e-9a57-3b1f2e4d5c6a' }).join('\n')).toMatch(/ROLES_FILE: set either/);
  });

  it('when the new settings are malformed, then each key is named', () => {
    const text = errorsOf({ ROLES_DEFAULT: 'admin', ROLES_CACHE_TTL_SECONDS: '-1', CONTAINMENT_TTL_MINUTES: '0', CONTAINMENT_FOUR_EYES: 'maybe', STATE_STORE: 's3', STATE_BLOB_CONTAINER: 'Bad_Name', GRAPH_BASE_URL: 'graph' }).join('\n');
    for (const key of ['ROLES_DEFAULT', 'ROLES_CACHE_TTL_SECONDS', 'CONTAINMENT_TTL_MINUTES', 'CONTAINMENT_FOUR_EYES', 'STATE_STORE', 'STATE_BLOB_CONTAINER', 'GRAPH_BASE_URL']) expect(text).toContain(key);
  });

  it('when ACTION_POLICY names kinds with a role and an approval, then each is a policy by kind', () => {
    const result = loadConfig({ ACTION_POLICY: ' av-scan=responder:none, isolate-device=approver:four-eyes ' });
    expect(result.ok && result.config.containment.actionPolicy).toEqual(
      new Map([
        ['av-scan', { requestRole: 'responder', approval: 'none' }],
        ['isolate-device', { requestRole: 'approver', approval: 'four-eyes' }],
      ]),
    );
  });

  it.each([
    ['a missing approval', 'av-scan=responder'],
    ['an unknown role', 'av-scan=admin:none'],
    ['an unknown approval', 'av-scan=responder:two-eyes'],
    ['a kind that is not kebab-case', 'AV_Scan=responder:none'],
    ['a kind named twice', 'av-scan=responder:none,av-scan=approver:four-eyes'],
  ])('when ACTION_POLICY has %s, then it is refused by name, value not echoed', (_what, value) => {
    const text = errorsOf({ ACTION_POLICY: value }).join('\n');
    expect(text).toContain('ACTION_POLICY');
    expect(text).not.toContain(value);
  });

  it('when four-eyes is turned off and the TTL set, then both are honoured', () => {
    const result = loadConfig({ CONTAINMENT_FOUR_EYES: 'false', CONTAINMENT_TTL_MINUTES: '15', ROLES_DEFAULT: 'reader' });
    expect(result.ok && result.config.containment).toEqual({ ttlMs: 900_000, fourEyes: false, actionPolicy: new Map() });
    expect(result.ok && result.config.roles.defaultRole).toBe('reader');
  });

  it('when HUNTING_API is unset, then hunting is auto; graph and mde are accepted and anything else is named', () => {
    expect(loadConfig({}).ok && (loadConfig({}) as { config: { mde: { huntingApi: string } } }).config.mde.huntingApi).toBe('auto');
    for (const api of ['graph', 'mde'] as const) {
      const result = loadConfig({ HUNTING_API: api });
      expect(result.ok && result.config.mde.huntingApi).toBe(api);
    }
    expect(errorsOf({ HUNTING_API: 'xdr' }).join('\n')).toContain('HUNTING_API');
  });
});
