import { BlobServiceClient } from '@azure/storage-blob';
import { BlobsStorage } from 'botbuilder-azure-blobs';
import { openBlobAuditJournal, type BlobAuditJournal } from '../../src/audit/journal-blob';
import type { AuditEntry } from '../../src/audit/journal';
import { isRefusalNoise } from '../../src/audit/outbox-noise';
import { REPEAT_NOTE } from '../../src/cards/audit-entry-card';
import { SUMMARY_TITLE } from '../../src/cards/audit-refusal-summary-card';
import { CARD_VERBS } from '../../src/cards/card-verbs';
import { cloudEndpoints } from '../../src/mde/cloud';
import { createMsalTokenProvider } from '../../src/mde/token-provider';
import { startSandbox, type Sandbox } from '../../src/sandbox';
import { DEMO_FILES, DEMO_USERS } from '../../src/sandbox/demo-tenant';
import { syntheticMachineName } from '../../src/sandbox/synthetic-machines';
import { startAzurite, type Azurite } from '../support/azurite';
import { cardOf, cardText } from '../support/card-text';
import { startConnectorRecorder, type ConnectorAnswer, type RecordedCall } from '../support/connector-recorder';
import { activityFrom, APPROVERS, send, startCluster, type Cluster, type Instance } from '../support/scaleout-cluster';

/**
 * Three Verdict processes, one Azurite, one sandbox, one loopback Teams connector: activities are
 * spread round-robin over the instances. What several instances must not break: one MDE call per
 * approval, one journal chain, one poster that survives its leader's death, one MDE budget.
 */
jest.setTimeout(180_000);
const TIME_SCALE = 0.1; // the sandbox's and the limiters' minute is 6 s
const AUDIT_CHANNEL = '19:verdict-scaleout@thread.tacv2';

let azurite: Azurite;
let sandbox: Sandbox;
let cluster: Cluster;
let journal: BlobAuditJournal;
let connector: Awaited<ReturnType<typeof startConnectorRecorder>>;
/** Set to hold the next entry's audit post (Teams took it, its answer never comes) and then kill the leader. */
let holdNextAuditPost: ((call: RecordedCall) => Promise<ConnectorAnswer>) | undefined;
const never = () => new Promise<ConnectorAnswer>(() => undefined);

const isAuditPost = (call: RecordedCall) => call.method === 'POST' && (call.path === '/v3/conversations' || call.path.includes(encodeURIComponent(AUDIT_CHANNEL)) || call.path.includes(AUDIT_CHANNEL));
const textOf = (call: RecordedCall) => cardText(call.path === '/v3/conversations' ? cardOf(call.body.activity as never) : cardOf(call.body as never));
/** The entry an audit card shows (`#12 3f9a…`); refusal summaries name ranges of entries and are not counted. */
const seqOf = (call: RecordedCall): number => (textOf(call).includes(SUMMARY_TITLE) ? NaN : Number(/#(\d+) [0-9a-f]{16}/.exec(textOf(call))?.[1]));
const auditPosts = () => connector.calls.filter((c) => isAuditPost(c) && Number.isInteger(seqOf(c)));
const until = async (what: () => boolean | Promise<boolean>, diagnose: () => string, ms = 120_000): Promise<void> => {
  const end = Date.now() + ms;
  while (!(await what())) {
    if (Date.now() > end) throw new Error(`gave up waiting: ${diagnose()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};
const spread = <T>(items: T[], each: (item: T, instance: Instance, i: number) => Promise<unknown>) => Promise.all(items.map((item, i) => each(item, cluster.instances[i % cluster.instances.length] as Instance, i)));

beforeAll(async () => {
  azurite = await startAzurite();
  sandbox = await startSandbox({ timeScale: TIME_SCALE, syntheticFiles: true });
  let threads = 0;
  connector = await startConnectorRecorder((call) => {
    if (call.method === 'GET') return { status: 200, body: { members: [] } };
    if (isAuditPost(call) && holdNextAuditPost && Number.isInteger(seqOf(call))) {
      const hold = holdNextAuditPost;
      holdNextAuditPost = undefined;
      return hold(call);
    }
    if (call.path === '/v3/conversations') {
      const root = `${1_700_000_000_000 + ++threads}`;
      return { status: 200, body: { id: `${AUDIT_CHANNEL};messageid=${root}`, activityId: root } };
    }
    return { status: 200 };
  });
  cluster = await startCluster({ count: 3, sandbox, blob: azurite.connectionString, connectorUrl: connector.url, auditChannel: AUDIT_CHANNEL, timeScale: TIME_SCALE });
  const container = BlobServiceClient.fromConnectionString(azurite.connectionString).getContainerClient('verdict-journal');
  journal = await openBlobAuditJournal({ container, store: new BlobsStorage(azurite.connectionString, 'verdict-state'), now: Date.now });
}, 120_000);

afterAll(async () => {
  await cluster?.stop();
  await connector?.stop();
  await sandbox?.stop();
  await azurite?.stop();
});

const all = (): Promise<AuditEntry[]> => journal.read({ since: 0 });

describe('three instances on one Azure Storage', () => {
  it('when twenty approvals of one request arrive at once over the three, then Defender is called exactly once', async () => {
    const sha = DEMO_FILES.malware.sha256;
    const form = { action: 'Block', generateAlert: 'true', severity: 'High', expiryDays: '30', title: 'EICAR', description: 'scale-out test', reason: 'three instances' };
    const click = (verb: string, data: Record<string, unknown>) => ({ type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' } });
    expect(await send(cluster.instances[0] as Instance, activityFrom(DEMO_USERS.alex, connector.url, click(CARD_VERBS.containmentRequestBlock, { sha, ...form })))).toBe(200);
    const requested = (await all()).find((e) => e.type === 'containment.requested');
    const requestId = requested?.requestId as string;
    expect(requestId).toEqual(expect.any(String));
    const before = sandbox.stats().byFamily.indicators ?? 0;

    const statuses = await spread(Array.from({ length: 20 }, (_, i) => APPROVERS[i % APPROVERS.length] as (typeof APPROVERS)[number]), (approver, instance) =>
      send(instance, activityFrom(approver, connector.url, click(CARD_VERBS.containmentApprove, { requestId }))),
    );
    expect(statuses).toEqual(Array(20).fill(200));
    await until(async () => (await all()).some((e) => e.requestId === requestId && e.type === 'containment.succeeded'), () => JSON.stringify((sandbox.stats())));

    const mine = (await all()).filter((e) => e.requestId === requestId);
    expect(mine.filter((e) => e.type === 'containment.approved')).toHaveLength(1);
    expect(mine.filter((e) => e.type === 'containment.executing')).toHaveLength(1);
    expect(mine.filter((e) => e.type === 'containment.succeeded')).toHaveLength(1);
    expect(mine.filter((e) => e.type === 'containment.refused')).toHaveLength(19);
    // Defender holds exactly one indicator for the hash: one submit reached it.
    const token = await createMsalTokenProvider({ ...sandbox.credentials, authorityHost: sandbox.authorityHost, scope: cloudEndpoints('commercial').scope, caCertPem: sandbox.caCertPem }).getToken();
    const listed = (await (await fetch(`${sandbox.apiBaseUrl}/api/indicators`, { headers: { authorization: `Bearer ${token}` } })).json()) as { value: { indicatorValue?: string }[] };
    expect(listed.value.filter((i) => i.indicatorValue === sha)).toHaveLength(1);
    expect((sandbox.stats().byFamily.indicators ?? 0) - before).toBeGreaterThanOrEqual(1);
  });

  it('when opposing device requests (isolate, release) for one device arrive at once at two instances, then in each pair exactly one is kept and the other is refused as conflicting', async () => {
    const alex = DEMO_USERS.alex;
    const [first, second, third] = cluster.instances as [Instance, Instance, Instance];
    const click = (verb: string, data: Record<string, unknown>) => ({ type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' } });
    const setIds: string[] = [];
    for (let round = 0; round < 6; round++) {
      const before = connector.calls.length;
      expect(await send(first, activityFrom(alex, connector.url, { type: 'message', text: `/devices ${syntheticMachineName(300 + round)}` }))).toBe(200);
      const setId = connector.calls.slice(before).map((c) => /"setId":"([A-Za-z0-9_-]{8,64})"/.exec(JSON.stringify(c.body))?.[1]).find(Boolean) ?? '';
      expect(setId).not.toBe('');
      setIds.push(setId);
      // Alternate which instance gets which, so neither side always starts first.
      const [isolateAt, releaseAt] = round % 2 === 0 ? [second, third] : [third, second];
      const statuses = await Promise.all([
        send(isolateAt, activityFrom(alex, connector.url, click('devices.request-isolate', { setId, isolationType: 'Full', reason: `round ${round}` }))),
        send(releaseAt, activityFrom(alex, connector.url, click('devices.request-release', { setId, reason: `round ${round}` }))),
      ]);
      expect(statuses).toEqual([200, 200]);
    }
    const entries = await all();
    const setOf = (e: AuditEntry): unknown => (e.type === 'containment.requested' ? (e.data.target as { setId?: unknown })?.setId : ((e.data.detail as { target?: { setId?: unknown } })?.target?.setId));
    for (const setId of setIds) {
      const mine = entries.filter((e) => setOf(e) === setId);
      expect(mine.filter((e) => e.type === 'containment.requested')).toHaveLength(1);
      expect(mine.filter((e) => e.type === 'containment.refused').map((e) => e.data.reason)).toEqual(['conflicting-request']);
    }
  });

  it('when 300 journal entries are written from the three at once, then the journal is one chain that verifies, holding each once', async () => {
    const head = journal.head().seq;
    const statuses = await spread(Array.from({ length: 300 }, (_, i) => i), (i, instance) =>
      send(instance, activityFrom(APPROVERS[i % APPROVERS.length] as (typeof APPROVERS)[number], connector.url, { type: 'message', text: `/audit ${1 + (i % 5)}` })),
    );
    expect(statuses).toEqual(Array(300).fill(200));
    const entries = await all();
    expect(await journal.verify()).toEqual({ ok: true, entries: entries.length, head: journal.head() });
    const runs = entries.filter((e) => e.seq > head && e.type === 'command.run');
    expect(runs).toHaveLength(300);
    expect(entries.map((e) => e.seq)).toEqual(entries.map((_, i) => i + 1));
  });

  it('when a burst of 1,000 lookups is spread over the three, then the sandbox never answers 429', async () => {
    const throttledBefore = sandbox.stats().throttled;
    const hashes = Array.from({ length: 1000 }, (_, i) => (BigInt(0xabc0000 + i) * 0x9e3779b97f4a7c15n).toString(16).padStart(64, '7').slice(-64));
    // 100 people in flight at a time (a SOC's worth), each asking for one hash.
    const statuses: number[] = [];
    for (let from = 0; from < hashes.length; from += 100) {
      const batch = hashes.slice(from, from + 100);
      const answers = await spread(batch, (sha, instance, i) => send(instance, activityFrom({ name: `Analyst ${i}`, aadObjectId: DEMO_USERS.alex.aadObjectId }, connector.url, { type: 'message', text: `/hash ${sha}` })));
      statuses.push(...(answers as number[]));
    }
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    const stats = sandbox.stats();
    expect(stats.throttled - throttledBefore).toBe(0);
    expect((stats.byFamily.files ?? 0) + (stats.byFamily['graph-hunting'] ?? 0)).toBeGreaterThan(0);
    if (process.env.SCALEOUT_SUMMARY) console.info({ lookups: hashes.length, byFamily: stats.byFamily, throttled: stats.throttled - throttledBefore });
  });

  it('when the outbox leader is SIGKILLed mid-delivery, then another instance takes over and every entry is posted once, in order (the one in flight marked as a possible repeat)', async () => {
    const expected = () => all().then((entries) => entries.filter((e) => !isRefusalNoise(e)).map((e) => e.seq));
    // Everything so far posted first, so the kill lands in a quiet, known place.
    let missing = '';
    const diagnose = () => `${auditPosts().length} posts; not posted: ${missing}`;
    const allPosted = async () => {
      const posted = new Set(auditPosts().map(seqOf));
      const entries = await all();
      missing = JSON.stringify(entries.filter((e) => !isRefusalNoise(e) && !posted.has(e.seq)).map((e) => [e.seq, e.type, e.data]).slice(0, 5));
      return (await expected()).every((seq) => posted.has(seq));
    };
    await until(allPosted, diagnose);
    const leader = cluster.leader() as Instance;
    expect(leader).toBeDefined();
    let killedAt = 0;
    let heldSeq = 0;
    holdNextAuditPost = async (call) => {
      heldSeq = seqOf(call);
      killedAt = Date.now();
      leader.proc.kill('SIGKILL');
      return never();
    };
    const others = cluster.instances.filter((i) => i !== leader);
    const statuses = await Promise.all(Array.from({ length: 30 }, (_, i) => send(others[i % 2] as Instance, activityFrom(DEMO_USERS.megan, connector.url, { type: 'message', text: '/audit 1' }))));
    expect(statuses).toEqual(Array(30).fill(200));
    await leader.proc.exited;
    await until(allPosted, () => `${diagnose()}, leader now ${String(cluster.leader()?.url)}`);
    const takenOverAt = Date.now();

    const seqs = auditPosts().map(seqOf);
    expect([...new Set(seqs)]).toEqual(await expected());
    // Only the entry in flight at the kill was posted twice, and its second post says so.
    const repeats = seqs.filter((s, i) => seqs.indexOf(s) !== i);
    expect(repeats).toEqual([heldSeq]);
    const second = auditPosts().filter((c) => seqOf(c) === heldSeq)[1] as RecordedCall;
    expect(textOf(second)).toContain(REPEAT_NOTE);
    // Posted by the instance that took the lease over.
    expect(cluster.leader()).toBeDefined();
    expect(cluster.leader()).not.toBe(leader);
    if (process.env.SCALEOUT_SUMMARY) console.info({ failoverMs: takenOverAt - killedAt, heldSeq, posts: seqs.length, entries: journal.head().seq });
  });
});
