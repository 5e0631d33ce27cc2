import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { startVerdict, type RunningVerdict } from '../../src/main';
import { redactPaths } from '../../src/logger';
import { DEMO_TENANT_ID } from '../../src/sandbox/demo-tenant';

// With a bot app id every activity must carry a Bot Framework token. Here the hosts that publish
// the signing keys fail (one drops every connection, one answers 500): a forged token must still
// be a plain 401, and neither the token nor the fetch error may reach the client.
const APP_ID = '5f0c2d7e-8a41-4b2b-9d35-0e6c1f7a2b90';
const SERVICE_URL = 'https://smba.trafficmanager.net/emea/';

interface KeyHost {
  url: string;
  hits: number;
  stop(): Promise<void>;
}

async function startKeyHost(answer: (res: import('node:http').ServerResponse) => void): Promise<KeyHost> {
  const host = { url: '', hits: 0, stop: async () => {} };
  const server: Server = createServer((req, res) => {
    host.hits++;
    answer(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  host.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/.well-known/openidconfiguration`;
  host.stop = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return host;
}

const logLines: string[] = [];
const logSink = new Writable({
  write(chunk, _enc, done) {
    logLines.push(String(chunk));
    done();
  },
});

let app: RunningVerdict;
let dropping: KeyHost;
let failing: KeyHost;
const stateDir = mkdtempSync(join(tmpdir(), 'verdict-auth-'));

beforeAll(async () => {
  dropping = await startKeyHost((res) => res.socket?.destroy());
  failing = await startKeyHost((res) => {
    res.writeHead(500);
    res.end('key store down');
  });
  app = await startVerdict(
    { PORT: '0', HOST: '127.0.0.1', MDE_MODE: 'sandbox', STATE_DIR: stateDir, MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'not-a-real-secret' },
    { logger: pino({ level: 'info', redact: { paths: redactPaths, censor: '[redacted]' } }, logSink), openIdMetadata: { channel: dropping.url, emulator: failing.url } },
  );
});
afterAll(async () => {
  await app.stop();
  await dropping.stop();
  await failing.stop();
  rmSync(stateDir, { recursive: true, force: true });
});

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const jwt = (payload: Record<string, unknown>) =>
  `${b64({ alg: 'RS256', typ: 'JWT', kid: 'forged-key' })}.${b64({ exp: Math.floor(Date.now() / 1000) + 3600, ...payload })}.Zm9yZ2VkLXNpZ25hdHVyZQ`;
/** Looks like Teams' token (Bot Framework issuer, our app id, the activity's serviceUrl); signed by nobody. */
const channelToken = jwt({ iss: 'https://api.botframework.com', aud: APP_ID, serviceurl: SERVICE_URL });
/** Looks like an Entra token of another bot or the Emulator. */
const emulatorToken = jwt({ iss: 'https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/', aud: APP_ID, appid: APP_ID, ver: '1.0' });

const activity = {
  type: 'message',
  id: 'incoming-1',
  channelId: 'msteams',
  serviceUrl: SERVICE_URL,
  text: '/hash 44d88612fea8a8f36de82e1278abb02f',
  from: { id: '29:alex', aadObjectId: '3a8f1c52-6b0e-4d7a-9c21-5e4b7f0a1d01', name: 'Alex Wilber' },
  recipient: { id: `28:${APP_ID}`, name: 'Verdict' },
  conversation: { id: 'personal-1', conversationType: 'personal', tenantId: DEMO_TENANT_ID },
  channelData: { tenant: { id: DEMO_TENANT_ID } },
};

const post = async (authorization?: string) => {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (authorization !== undefined) headers.authorization = authorization;
  const res = await fetch(`${app.url}/api/messages`, { method: 'POST', headers, body: JSON.stringify(activity) });
  return { status: res.status, text: await res.text() };
};

describe('with a bot app id, a forged token is a 401 even while the signing keys cannot be fetched', () => {
  it.each([
    ['a forged channel token (its key host drops the connection)', `Bearer ${channelToken}`, () => dropping],
    ['a forged Emulator token (its key host answers 500)', `Bearer ${emulatorToken}`, () => failing],
    ['no Authorization header', undefined, undefined],
    ['a token that is not a JWT', 'Bearer forged', undefined],
    ['another scheme', `Basic ${Buffer.from('verdict:secret').toString('base64')}`, undefined],
  ])('when the request carries %s, then 401 with a generic body', async (_what, authorization, keyHost) => {
    const hitsBefore = keyHost?.().hits ?? 0;
    const apiCallsBefore = app.sandbox!.stats().apiCalls;
    const res = await post(authorization);
    expect(res.status).toBe(401);
    const body = JSON.parse(res.text) as { error: string; correlationId: string };
    expect(body).toEqual({ error: expect.any(String), correlationId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    // Everything but the random correlation id (a UUID may hold "500"): no internal text.
    expect(res.text.replace(body.correlationId, '<id>')).not.toMatch(/openid|fetch|socket|ECONN|hang up|500|Unauthorized\.|AppId|key/i);
    // The forged tokens did reach botbuilder's key fetch: the 401 is not a shortcut around it.
    if (keyHost) expect(keyHost().hits).toBeGreaterThan(hitsBefore);
    expect(app.sandbox!.stats().apiCalls).toBe(apiCallsBefore);
    // The log names the refusal by the same correlation id, and never carries the token.
    const logged = logLines.filter((line) => line.includes(body.correlationId));
    expect(logged.length).toBeGreaterThan(0);
    if (authorization) expect(logLines.join('\n')).not.toContain(authorization.split(' ')[1]);
  });
});

describe('a forged token costs the bot nothing', () => {
  // botbuilder keeps the issuers it accepts from the Emulator in one process-wide list, and adds
  // four for every new `tid` claim it sees, before any signature check.
  const emulatorIssuers = (): string[] =>
    require('botframework-connector/lib/auth/tokenValidationParameters').ToBotFromBotOrEmulatorTokenValidationParameters.issuer;

  it('when unsigned tokens name made-up tenants, then each is a 401 and botbuilder keeps nothing of them', async () => {
    const before = emulatorIssuers().length;
    for (let i = 0; i < 20; i++) {
      const res = await post(`Bearer ${jwt({ iss: 'https://attacker.example', aud: APP_ID, tid: `${i}-${'x'.repeat(2000)}` })}`);
      expect(res.status).toBe(401);
    }
    expect(emulatorIssuers().length).toBe(before);
  });
});
