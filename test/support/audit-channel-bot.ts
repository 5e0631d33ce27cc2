/**
 * Verdict as a real server (sandbox MDE, file journal, real outbox) whose audit channel is a
 * loopback connector that answers like Teams. Each post to the channel is recorded with the
 * journal position its card shows (`#seq hash`), so tests can count posts and their order.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino, { type Logger } from 'pino';
import { startVerdict, type RunningVerdict, type VerdictPorts } from '../../src/main';
import { DEMO_TENANT_ID } from '../../src/sandbox/demo-tenant';
import { cardOf, cardText } from './card-text';
import { startConnectorRecorder, type ConnectorAnswer, type RecordedCall } from './connector-recorder';

export const AUDIT_CHANNEL = '19:verdict-audit@thread.tacv2';

export interface ChannelPost {
  /** The `#seq` the card shows, if any. */
  seq?: number;
  text: string;
  /** A new thread, or a reply into `thread`. */
  thread: string;
  created: boolean;
}

export interface AuditChannelBot {
  app: RunningVerdict;
  stateDir: string;
  journalPath: string;
  posts: ChannelPost[];
  /** A card click (`adaptiveCard/action` invoke) from `user`; resolves with the HTTP status. */
  click(user: { name: string; aadObjectId: string }, verb: string, data: Record<string, unknown>, tenantId?: string): Promise<number>;
  /** A message from `user` in their personal chat; resolves with the HTTP status once the turn is done. */
  message(user: { name: string; aadObjectId: string }, text: string): Promise<number>;
  /** Resolves once a post satisfies `match` (rejects after `ms`, naming what was posted). */
  waitForPost(match: (post: ChannelPost) => boolean, ms?: number): Promise<ChannelPost>;
  stop(): Promise<void>;
}

/** `prepare` runs on the state directory before Verdict starts (e.g. to fill the journal). */
export async function startAuditChannelBot(opts: { prepare?: (stateDir: string) => Promise<void>; respond?: (call: RecordedCall) => ConnectorAnswer | undefined; logger?: Logger; ports?: VerdictPorts } = {}): Promise<AuditChannelBot> {
  const stateDir = mkdtempSync(join(tmpdir(), 'verdict-audit-channel-'));
  const posts: ChannelPost[] = [];
  let threads = 0;
  let replies = 0;
  const connector = await startConnectorRecorder((call) => {
    const scripted = opts.respond?.(call);
    if (scripted) return scripted;
    if (call.method === 'GET') return { status: 200, body: { members: [] } };
    if (call.method === 'PUT') return { status: 200, body: { id: 'updated' } };
    const created = call.path === '/v3/conversations';
    const text = cardText(created ? cardOf(call.body.activity as never) : cardOf(call.body as never));
    const seq = Number(/#(\d+) [0-9a-f]{16}/.exec(text)?.[1]);
    if (created) {
      const root = `${1_700_000_000_000 + ++threads}`;
      const thread = `${AUDIT_CHANNEL};messageid=${root}`;
      posts.push({ seq: Number.isNaN(seq) ? undefined : seq, text, thread, created });
      return { status: 200, body: { id: thread, activityId: root } };
    }
    const thread = decodeURIComponent(/^\/v3\/conversations\/([^/]+)\/activities/.exec(call.path)?.[1] ?? '?');
    // Not the audit channel: the bot answering a user in their chat.
    if (!thread.startsWith(AUDIT_CHANNEL)) return { status: 200, body: { id: `chat-${++replies}` } };
    posts.push({ seq: Number.isNaN(seq) ? undefined : seq, text, thread, created });
    return { status: 200, body: { id: `reply-${++replies}` } };
  });
  await opts.prepare?.(stateDir);
  const app = await startVerdict(
    { PORT: '0', HOST: '127.0.0.1', MDE_MODE: 'sandbox', STATE_DIR: stateDir, AUDIT_CHANNEL_ID: AUDIT_CHANNEL, AUDIT_SERVICE_URL: connector.url },
    { logger: opts.logger ?? pino({ level: 'silent' }), auditOutbox: { minIntervalMs: 1, maxBackoffMs: 50 }, ...opts.ports },
  );
  let clicks = 0;
  const from = (user: { name: string; aadObjectId: string }) => ({
    channelId: 'msteams',
    serviceUrl: connector.url,
    id: `activity-${++clicks}`,
    from: { id: `29:${user.aadObjectId}`, name: user.name, aadObjectId: user.aadObjectId },
    recipient: { id: '28:verdict', name: 'Verdict' },
    conversation: { id: `personal-${user.aadObjectId}`, conversationType: 'personal' },
    channelData: { tenant: { id: DEMO_TENANT_ID } },
  });
  return {
    app,
    stateDir,
    journalPath: join(stateDir, 'audit.jsonl'),
    posts,
    async click(user, verb, data, tenantId = DEMO_TENANT_ID) {
      const activity = {
        type: 'invoke',
        name: 'adaptiveCard/action',
        channelId: 'msteams',
        serviceUrl: connector.url,
        id: `click-${++clicks}`,
        from: { id: `29:${user.aadObjectId}`, name: user.name, aadObjectId: user.aadObjectId },
        recipient: { id: '28:verdict', name: 'Verdict' },
        conversation: { id: `personal-${user.aadObjectId}`, conversationType: 'personal' },
        channelData: { tenant: { id: tenantId } },
        value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
      };
      const res = await fetch(`${app.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
      await res.arrayBuffer();
      return res.status;
    },
    async message(user, text) {
      const res = await fetch(`${app.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...from(user), type: 'message', text }) });
      await res.arrayBuffer();
      return res.status;
    },
    async waitForPost(match, ms = 10_000) {
      const deadline = Date.now() + ms;
      for (;;) {
        const found = posts.find(match);
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`no matching post within ${ms} ms; posted: ${JSON.stringify(posts.map((p) => [p.seq, p.text.split('\n')[0]]))}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    async stop() {
      // The bot first: stopping the connector under a post in flight would leave the SDK retrying it.
      await app.stop();
      await connector.stop();
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
}
