import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import type { MetricData } from '@opentelemetry/sdk-metrics';
import { CARD_VERBS } from '../../src/cards/card-verbs';
import { DEMO_FILES, DEMO_NOT_FOUND_SHA256, DEMO_USERS } from '../../src/sandbox/demo-tenant';
import { ATTRIBUTE_KEYS } from '../../src/telemetry/attributes';
import { startAuditChannelBot, type AuditChannelBot } from '../support/audit-channel-bot';
import { captureTelemetry } from '../support/telemetry-capture';

/*
 * Issue 17: a /hash, an advisory and an approval through the real server, sandbox and OpenTelemetry
 * SDK (in-memory exporters); the spans nest turn → command/verb → MDE call, the metrics an on-call
 * engineer reads are there, and nothing exported carries message text, hashes, names or secrets.
 */
jest.setTimeout(60_000);

const { alex, megan } = DEMO_USERS;
const MARKER = 'Contoso-advisory-7731';
const REASON = 'Seen in alert da123 by the night shift';
const form = { sha: DEMO_FILES.malware.sha256, action: 'Block', generateAlert: 'true', severity: 'High', expiryDays: '30', title: 'EICAR', description: 'Test malware', reason: REASON };

let bot: AuditChannelBot;
let spans: ReadableSpan[];
let metrics: MetricData[];
let secrets: string[];

beforeAll(async () => {
  const capture = captureTelemetry();
  // No hunting quota left: the advisory's bulk lookup meets Graph's CPU-quota 429 and falls back.
  bot = await startAuditChannelBot({ ports: { telemetry: capture.telemetry, mde: { sandbox: { huntingQueriesPerQuotaCycle: 0 } } } });
  const sandbox = bot.app.sandbox!;
  secrets = [sandbox.credentials.clientSecret];

  expect(await bot.message(alex, `/hash ${DEMO_FILES.malware.sha256}`)).toBe(200);
  expect(await bot.message(alex, `/hash ${DEMO_NOT_FOUND_SHA256}`)).toBe(200);
  sandbox.faults.inject({ family: 'files', type: 'status', status: 429, retryAfterSeconds: 0 });
  expect(await bot.message(alex, `/hash ${MARKER} (from ${megan.name}): ${DEMO_FILES.pua.sha256} ${DEMO_FILES.clean.sha256} ${DEMO_FILES.malware.sha1} ${DEMO_FILES.unknown.md5} hxxp://evil[.]example/x`)).toBe(200);

  expect(await bot.click(alex, CARD_VERBS.containmentRequestBlock, form)).toBe(200);
  const requestId = /"requestId":"([^"]+)"/.exec(await readJournal(bot))?.[1];
  expect(await bot.click(megan, CARD_VERBS.containmentApprove, { requestId })).toBe(200);
  await bot.waitForPost((p) => p.text.startsWith('Defender accepted'));

  spans = capture.spans();
  metrics = await capture.flush();
});
afterAll(() => bot?.stop());

async function readJournal(b: AuditChannelBot): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  return readFile(b.journalPath, 'utf8');
}

const named = (name: string) => spans.filter((s) => s.name === name);
const parentOf = (span: ReadableSpan) => spans.find((s) => s.spanContext().spanId === span.parentSpanContext?.spanId);
const ancestors = (span: ReadableSpan): ReadableSpan[] => {
  const up = parentOf(span);
  return up ? [up, ...ancestors(up)] : [];
};
const metric = (name: string) => metrics.find((m) => m.descriptor.name === name);
const points = (name: string) => (metric(name)?.dataPoints ?? []) as { attributes: Record<string, unknown>; value: unknown }[];

describe('telemetry of a /hash, an advisory and an approval', () => {
  it('when /hash runs, then its MDE calls are spans under the command span, under the activity span', () => {
    const hashCommands = named('verdict.command').filter((s) => s.attributes['verdict.command'] === 'hash');
    expect(hashCommands.length).toBe(3);
    for (const command of hashCommands) expect(parentOf(command)?.name).toBe('verdict.activity');
    const fileCalls = named('mde.request').filter((s) => s.attributes['api.operation'] === 'files.get');
    expect(fileCalls.length).toBeGreaterThan(0);
    for (const call of fileCalls) expect(ancestors(call).map((s) => s.name)).toEqual(expect.arrayContaining(['verdict.command', 'verdict.activity']));
  });

  it('when MDE answers an error, then the span carries its status and correlation id', () => {
    const notFound = named('mde.request').find((s) => s.attributes['http.response.status_code'] === 404);
    expect(notFound?.attributes['mde.correlation_id']).toMatch(/^[0-9a-f-]{36}$/i);
  });

  it('when the approval is clicked, then the verb span holds the indicator call, and time-to-decision is recorded', () => {
    const approve = named('verdict.action').find((s) => s.attributes['verdict.verb'] === CARD_VERBS.containmentApprove);
    expect(approve).toBeDefined();
    const indicatorCall = named('mde.request').find((s) => String(s.attributes['api.operation']).startsWith('indicators.') && ancestors(s).includes(approve!));
    expect(indicatorCall).toBeDefined();
    const decided = points('verdict.approval.time_to_decision');
    expect(decided).toHaveLength(1);
    expect(decided[0]?.attributes).toEqual({ 'containment.kind': 'block-file', 'containment.decision': 'approved' });
    expect((decided[0]?.value as { count: number }).count).toBe(1);
  });

  it('when calls are made, then calls and 429s are counted per API family, and the hunting quota answer too', () => {
    const families = new Set(points('verdict.api.calls').map((p) => p.attributes['api.family']));
    for (const f of ['files', 'graph', 'graph-hunting', 'indicators']) expect(families).toContain(f);
    expect(points('verdict.api.throttled').find((p) => p.attributes['api.family'] === 'files')?.value).toBe(1);
    expect(points('verdict.hunting.quota_answers').find((p) => p.attributes['api.family'] === 'graph-hunting')?.value).toBeGreaterThanOrEqual(1);
  });

  it('when metrics are read, then the limiter queue, the outbox lag and the follow-through backlog are reported', () => {
    expect(points('verdict.mde.limiter.queued').length).toBeGreaterThan(0);
    expect(points('verdict.audit.outbox.lag')).toHaveLength(1);
    expect(points('verdict.containment.follow_backlog')).toEqual([expect.objectContaining({ value: 0 })]);
  });

  it('when anything is exported, then it carries only known attribute keys and no text, hash, name or secret', () => {
    const exported = [...spans.map((s) => s.attributes), ...metrics.flatMap((m) => (m.dataPoints as { attributes: object }[]).map((p) => p.attributes))];
    const keys = new Set(exported.flatMap((a) => Object.keys(a)));
    for (const key of keys) expect(ATTRIBUTE_KEYS).toContain(key);
    const text = JSON.stringify(exported) + JSON.stringify(spans.map((s) => s.name));
    const forbidden = [MARKER, REASON, 'evil', alex.name, megan.name, 'Alex', 'Megan', alex.aadObjectId, megan.aadObjectId, DEMO_FILES.malware.sha256, DEMO_FILES.malware.sha1, DEMO_FILES.pua.sha256, DEMO_FILES.unknown.md5, DEMO_NOT_FOUND_SHA256, 'sbx.', 'Bearer', ...secrets];
    for (const word of forbidden) expect(text).not.toContain(word);
  });
});
