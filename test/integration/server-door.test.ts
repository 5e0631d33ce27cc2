import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import pino from 'pino';
import { startVerdict, type RunningVerdict } from '../../src/main';
import { DEMO_TENANT_ID } from '../../src/sandbox/demo-tenant';
import { startConnectorRecorder } from '../support/connector-recorder';
import { personalActivity } from '../support/personal-activity';

// What Verdict refuses at the door (no bot app id: the local Playground mode), through the real
// restify server, the real adapter and the real sandbox: a refused activity runs no turn.
let app: RunningVerdict;
let connector: Awaited<ReturnType<typeof startConnectorRecorder>>;
const stateDir = mkdtempSync(join(tmpdir(), 'verdict-door-'));
const logLines: string[] = [];
const logSink = new Writable({ write: (chunk, _enc, done) => (logLines.push(String(chunk)), done()) });

beforeAll(async () => {
  connector = await startConnectorRecorder();
  app = await startVerdict({ PORT: '0', HOST: '127.0.0.1', MDE_MODE: 'sandbox', STATE_DIR: stateDir }, { logger: pino({ level: 'warn' }, logSink) });
});
afterAll(async () => {
  await app.stop();
  await connector.stop();
  rmSync(stateDir, { recursive: true, force: true });
});

const activity = (extra: Record<string, unknown>) => personalActivity(connector.url, { type: 'message', ...extra });
/** A hash no earlier test looked up, so a turn that ran would have asked the sandbox. */
const hashMessage = (extra: Record<string, unknown> = {}) => activity({ text: `/hash ${randomBytes(32).toString('hex')}`, ...extra });
const without = (key: string, body: Record<string, unknown>) => Object.fromEntries(Object.entries(body).filter(([k]) => k !== key));

const send = async (body: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }) => {
  const res = await fetch(`${app.url}/api/messages`, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: res.status, text: await res.text() };
};

/** A refusal: 4xx, a body that names no internals, and no turn ran (no Defender call, no connector call). */
async function expectRefused(body: unknown, status: number, headers?: Record<string, string>) {
  const mdeBefore = app.sandbox!.stats().apiCalls;
  const postsBefore = connector.calls.length;
  const res = await send(body, headers);
  expect(res.status).toBe(status);
  expect(JSON.parse(res.text)).toEqual({ error: expect.any(String), correlationId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
  expect(res.text).not.toMatch(/is not a function|Cannot read|undefined|TypeError|Verdict hit|JSON|at .*\.js/);
  // A turn that ran would have replied by now: /hash answers before the HTTP response.
  expect(app.sandbox!.stats().apiCalls).toBe(mdeBefore);
  expect(connector.calls.length).toBe(postsBefore);
}

describe('the door refuses malformed activities with a 4xx and a generic body, before any turn runs', () => {
  it.each<[string, () => Record<string, unknown>]>([
    ['serviceUrl is an array', () => hashMessage({ serviceUrl: [connector.url] })],
    ['serviceUrl is not a URL', () => hashMessage({ serviceUrl: 'not a url' })],
    ['type is missing', () => without('type', hashMessage())],
    ['type is a number', () => hashMessage({ type: 7 })],
    ['id is missing', () => without('id', hashMessage())],
    ['from is a string', () => hashMessage({ from: '29:alex' })],
    ['from.id is an object', () => hashMessage({ from: { id: { toString: 1 } } })],
    ['recipient is missing', () => without('recipient', hashMessage())],
    ['conversation.id is a number', () => hashMessage({ conversation: { id: 42 } })],
    ['channelData.tenant is a string', () => hashMessage({ channelData: { tenant: 'contoso' } })],
    ['text is an object', () => activity({ text: { length: 3 } })],
    ['entities is not an array', () => hashMessage({ entities: 'mention' })],
    ['a mention entity has no mentioned account', () => hashMessage({ entities: [{ type: 'mention', text: '<at>Verdict</at>' }] })],
    ['an entity has no type', () => hashMessage({ entities: [{}] })],
    ['membersAdded is a string', () => activity({ type: 'conversationUpdate', membersAdded: '28:verdict' })],
    ['an Action.Submit value is an array', () => activity({ value: ['containment.approve'] })],
    ['an invoke has a null action', () => activity({ type: 'invoke', name: 'adaptiveCard/action', value: { action: null } })],
    ['an invoke value is a string', () => activity({ type: 'invoke', name: 'adaptiveCard/action', value: 'containment.approve' })],
    ['an invoke has no value', () => activity({ type: 'invoke', name: 'adaptiveCard/action' })],
    ['an invoke action is not Action.Execute', () => activity({ type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Submit', verb: 'x' } } })],
    ['an invoke verb is a number', () => activity({ type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: 7 } } })],
    ['an invoke has no name', () => activity({ type: 'invoke', value: { action: { type: 'Action.Execute', verb: 'x' } } })],
    // botbuilder's Teams handler reads these invokes' value unguarded: a null one was a 500.
    ['a file-consent invoke has a null value', () => activity({ type: 'invoke', name: 'fileConsent/invoke', value: null })],
    ['a message-extension submit has a null value', () => activity({ type: 'invoke', name: 'composeExtension/submitAction', value: null })],
  ])('when %s, then 400', async (_why, body) => {
    await expectRefused(body(), 400);
  });

  it('when the body is a JSON array, null or a string, then 400', async () => {
    for (const body of ['[]', 'null', '"message"']) await expectRefused(body, 400);
  });

  it('when the activity has no serviceUrl, then 400 and the answer (with Defender data) is sent nowhere', async () => {
    // Without this refusal botbuilder answers to https://api.botframework.com (issue 15, item 5).
    await expectRefused(without('serviceUrl', hashMessage()), 400);
  });

  it('when an activity is refused, then the log names the bad fields under the correlation id the caller got, never their values', async () => {
    const res = await send(hashMessage({ serviceUrl: ['http://secret-host.example/'], from: { id: 'secret-id', aadObjectId: 42 } }));
    const { correlationId } = JSON.parse(res.text) as { correlationId: string };
    const logged = logLines.filter((line) => line.includes(correlationId)).map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(logged).toEqual([expect.objectContaining({ status: 400, issues: ['serviceUrl', 'from.aadObjectId'], msg: 'activity refused at the door' })]);
    expect(logLines.join('')).not.toMatch(/secret-host|secret-id/);
  });

  it('when the body is not JSON, then 400 with a generic body', async () => {
    await expectRefused('{"type":', 400);
  });

  it('when the body is a form, then 415', async () => {
    await expectRefused('type=message&text=%2Fhash', 415, { 'content-type': 'application/x-www-form-urlencoded' });
  });

  it('when the body is larger than an activity can be, then 413 with a generic body', async () => {
    await expectRefused(hashMessage({ text: 'x'.repeat(300 * 1024) }), 413);
  });
});

describe('the door is no stricter than Teams: the shapes Teams and the Playground send still pass', () => {
  it.each<[string, () => Record<string, unknown>]>([
    ['the bot added to a personal chat', () => activity({ type: 'conversationUpdate', membersAdded: [{ id: '28:verdict' }], timestamp: '2026-12-02T13:00:00.000Z' })],
    ['an app install', () => activity({ type: 'installationUpdate', action: 'add', channelData: { tenant: { id: DEMO_TENANT_ID }, source: { name: 'message' } } })],
    ['typing', () => activity({ type: 'typing', entities: [{ type: 'clientInfo', locale: 'en-US' }] })],
    ['a reaction to a card', () => activity({ type: 'messageReaction', reactionsAdded: [{ type: 'like' }], replyToId: 'card-1' })],
    ['an Action.Submit from an older client', () => activity({ value: { verb: 'no.such.verb' }, replyToId: 'card-1', deliveryMode: 'normal', localTimezone: 'Etc/UTC' })],
    ['a card click with extra fields', () => activity({ type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: 'no.such.verb', data: {}, id: 'a1' }, trigger: 'manual', state: 'x' } })],
  ])('when %s arrives, then 200', async (_what, body) => {
    expect((await send(body())).status).toBe(200);
  });
});

describe('a gzip-encoded body (whether the Bot Connector ever compresses is not documented)', () => {
  const gzipped = (body: Buffer) => fetch(`${app.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: new Uint8Array(body) });

  it('when the body says gzip but is not, then 400 with a generic body, and Verdict is still up', async () => {
    // restify inflated it with no error handler: one such request ended the process, before any authentication.
    const res = await gzipped(Buffer.from(JSON.stringify(hashMessage())));
    expect(res.status).toBe(400);
    expect(JSON.parse(await res.text())).toEqual({ error: expect.any(String), correlationId: expect.any(String) });
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
  });

  it('when a small gzip body inflates past the size limit, then 413 and nothing is inflated further', async () => {
    const bomb = gzipSync(Buffer.from(JSON.stringify(activity({ text: ' '.repeat(50 * 1024 * 1024) }))));
    expect(bomb.length).toBeLessThan(256 * 1024);
    const res = await gzipped(bomb);
    expect(res.status).toBe(413);
    await res.arrayBuffer();
  });

  it('when a well-formed activity arrives gzipped, then it is served like any other', async () => {
    const before = connector.calls.length;
    const res = await gzipped(gzipSync(Buffer.from(JSON.stringify(activity({ text: '/help' })))));
    expect(res.status).toBe(200);
    expect(connector.calls.length).toBe(before + 1);
  });
});
