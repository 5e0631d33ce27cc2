import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { request } from 'node:http';
import { join } from 'node:path';
import pino from 'pino';
import { startVerdict, type RunningVerdict } from '../../src/main';
import { DEMO_FILES } from '../../src/sandbox/demo-tenant';
import { cardOf, cardText } from '../support/card-text';
import { startConnectorRecorder } from '../support/connector-recorder';
import { personalActivity } from '../support/personal-activity';

let app: RunningVerdict;
let connector: Awaited<ReturnType<typeof startConnectorRecorder>>;
const stateDir = mkdtempSync(join(tmpdir(), 'verdict-server-'));

beforeAll(async () => {
  connector = await startConnectorRecorder();
  app = await startVerdict({ PORT: '0', HOST: '127.0.0.1', MDE_MODE: 'sandbox', STATE_DIR: stateDir }, { logger: pino({ level: 'silent' }) });
});
afterAll(async () => {
  await app.stop();
  await connector.stop();
  rmSync(stateDir, { recursive: true, force: true });
});

const activity = (extra: Record<string, unknown>) => personalActivity(connector.url, extra);

const post = (body: unknown, raw = false) =>
  fetch(`${app.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: raw ? String(body) : JSON.stringify(body) });

describe('bot HTTP server', () => {
  it('when probed, then /healthz and /readyz answer 200', async () => {
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${app.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });

  it('when Teams posts /hash, then the verdict card is posted back to the conversation through the connector', async () => {
    const res = await post(activity({ type: 'message', text: `/hash ${DEMO_FILES.malware.sha256}` }));
    expect(res.status).toBe(200);
    const call = await connector.next();
    expect(call.method).toBe('POST');
    expect(call.path).toBe('/v3/conversations/personal-1/activities/incoming-1');
    expect(cardText(cardOf(call.body as never))).toMatch(/Malicious/);
  });

  it('when Teams posts a card invoke, then the HTTP response carries the invoke response', async () => {
    const res = await post(activity({ type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: 'no.such.verb' } } }));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { statusCode: number; type: string; value: unknown };
    expect(body.statusCode).toBe(200);
    expect(cardText(body.value)).toMatch(/not supported/);
  });

  it('when the body is not JSON, then the server answers 400 and keeps serving', async () => {
    expect((await post('{"type":', true)).status).toBe(400);
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
  });

  describe('without a bot app id (nothing is authenticated), only local programs are answered', () => {
    const hash = () => activity({ type: 'message', text: `/hash ${DEMO_FILES.malware.sha256}` });
    const send = (headers: Record<string, string>, body: unknown = hash()) =>
      fetch(`${app.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

    it('when a web page posts (it sends Origin), then 403 and nothing is sent anywhere', async () => {
      const before = connector.calls.length;
      const res = await send({ origin: 'https://attacker.example' });
      expect(res.status).toBe(403);
      expect(connector.calls.length).toBe(before);
    });

    it('when the Host is not loopback (a DNS-rebound name), then 403', async () => {
      // fetch will not set Host; node:http will.
      const status = await new Promise<number>((resolve, reject) => {
        const body = JSON.stringify(hash());
        const req = request(`${app.url}/api/messages`, { method: 'POST', headers: { host: 'attacker.example:3978', 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end(body);
      });
      expect(status).toBe(403);
    });

    it('when the activity names a connector that is not on loopback, then 403: the verdict would be sent there', async () => {
      expect((await send({}, { ...hash(), serviceUrl: 'https://attacker.example/' })).status).toBe(403);
    });
  });
});
