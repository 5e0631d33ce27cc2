import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { storageOutboxState } from '../../src/audit/outbox-wiring';
import { REPEAT_NOTE } from '../../src/cards/audit-entry-card';
import { createFileStorage } from '../../src/store';
import { spawnScript, type BotProcess, type LogLine } from '../support/bot-process';
import { cardOf, cardText } from '../support/card-text';
import { startConnectorRecorder, type ConnectorAnswer, type RecordedCall } from '../support/connector-recorder';

/**
 * The bot as a real process, SIGKILLed mid-delivery and started again, against a loopback
 * connector that throttles or fails ~30 % of posts. Each life appends a batch to the journal and
 * starts Verdict (test/support/outbox-child.ts). Kills land where delivery is ambiguous or not:
 *  - held:        Teams has the post, its response never comes (the window the marker exists for);
 *  - after-200:   Teams answered, the bot may or may not have saved the position;
 *  - backoff-429: refused, the bot idles in its backoff (nothing is in flight);
 *  - backoff-502: failed with a 5xx, idle in backoff (the post may have gone through).
 */
type KillKind = 'held' | 'after-200' | 'backoff-429' | 'backoff-502';
const LIVES: { append: number; kill?: { kind: KillKind; afterAccepted: number } }[] = [
  { append: 6, kill: { kind: 'held', afterAccepted: 3 } },
  { append: 4, kill: { kind: 'backoff-429', afterAccepted: 2 } },
  { append: 4, kill: { kind: 'after-200', afterAccepted: 2 } },
  { append: 4, kill: { kind: 'backoff-502', afterAccepted: 1 } },
  { append: 3 },
];
const TOTAL = LIVES.reduce((n, l) => n + l.append, 0);
const AUDIT_CHANNEL = '19:verdict-kill-test@thread.tacv2';

interface Accepted {
  seq: number;
  repeat: boolean;
  /** The thread created, or the one replied into. */
  thread: string;
  created: boolean;
}

/** Deterministic PRNG (mulberry32): the same failure pattern every run. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const never = () => new Promise<ConnectorAnswer>(() => {});

function within<T>(ms: number, what: string, promise: Promise<T>, diagnose: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}\n${diagnose()}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const children = new Set<BotProcess>();
let stateDir = '';
afterAll(async () => {
  for (const child of children) {
    child.kill('SIGKILL');
    await child.exited;
  }
  if (stateDir) rmSync(stateDir, { recursive: true, force: true });
});

describe('audit outbox across real process kills', () => {
  it('when the bot is SIGKILLed mid-delivery and restarted, then every entry reaches the channel in journal order, and only an entry in flight at a kill is repeated, marked as such', async () => {
    stateDir = mkdtempSync(join(tmpdir(), 'verdict-outbox-kill-'));
    const random = prng(42);
    const accepted: Accepted[] = [];
    const kills: { life: number; kind: KillKind; seq: number }[] = [];
    let injected = 0;
    let threads = 0;
    let replies = 0;
    // What the connector does with the next request, set per life.
    let life = -1;
    let acceptedThisLife = 0;
    let dying = false;
    let child: BotProcess | undefined;
    const logs: LogLine[] = [];

    const kill = (kind: KillKind, seq: number) => {
      dying = true;
      kills.push({ life, kind, seq });
      child?.kill('SIGKILL');
    };
    const accept = (call: RecordedCall, seq: number, repeat: boolean): ConnectorAnswer => {
      acceptedThisLife++;
      if (call.path === '/v3/conversations') {
        // As Teams names a channel thread: after its root post.
        const root = `${1_700_000_000_000 + ++threads}`;
        const thread = `${AUDIT_CHANNEL};messageid=${root}`;
        accepted.push({ seq, repeat, thread, created: true });
        return { status: 200, body: { id: thread, activityId: root } };
      }
      const thread = /^\/v3\/conversations\/([^/]+)\/activities$/.exec(call.path)?.[1] ?? '?';
      accepted.push({ seq, repeat, thread: decodeURIComponent(thread), created: false });
      return { status: 200, body: { id: `reply-${++replies}` } };
    };

    const throttled = (): ConnectorAnswer => ({ status: 429, headers: { 'retry-after': '1' }, body: { error: { code: 'Throttled', message: 'slow down' } } });
    const badGateway = (): ConnectorAnswer => ({ status: 502, body: { error: { code: 'BadGateway', message: 'upstream' } } });
    const connector = await startConnectorRecorder((call) => {
      // A dying bot's last request: Teams never saw it.
      if (dying) return never();
      // Not posts: who is in the channel (for a request's card), and redraws of a request's root.
      if (call.method === 'GET') return { status: 200, body: { members: [] } };
      if (call.method === 'PUT') return { status: 200, body: { id: 'updated' } };
      const text = cardText(call.path === '/v3/conversations' ? cardOf(call.body.activity as never) : cardOf(call.body as never));
      const seq = Number(/#(\d+) [0-9a-f]{16}/.exec(text)?.[1]);
      const repeat = text.includes(REPEAT_NOTE);
      const plan = LIVES[life]?.kill;
      if (plan && acceptedThisLife >= plan.afterAccepted) {
        if (plan.kind === 'held') {
          accept(call, seq, repeat);
          kill(plan.kind, seq);
          return never();
        }
        if (plan.kind === 'after-200') {
          const answer = accept(call, seq, repeat);
          setImmediate(() => kill(plan.kind, seq));
          return answer;
        }
        // Refused until the bot is killed in its backoff (the test watches its log for that).
        injected++;
        return plan.kind === 'backoff-429' ? throttled() : badGateway();
      }
      const r = random();
      if (r >= 0.3) return accept(call, seq, repeat);
      injected++;
      return r < 0.15 ? throttled() : badGateway();
    });

    const started = Date.now();
    try {
      for (life = 0; life < LIVES.length; life++) {
        const plan = LIVES[life] as (typeof LIVES)[number];
        acceptedThisLife = 0;
        dying = false;
        child = spawnScript('outbox-child.ts', {
          PORT: '0',
          HOST: '127.0.0.1',
          MDE_MODE: 'sandbox',
          LOG_LEVEL: 'info',
          STATE_DIR: stateDir,
          AUDIT_CHANNEL_ID: AUDIT_CHANNEL,
          AUDIT_SERVICE_URL: connector.url,
          VERDICT_TEST_LIFE: String(life),
          VERDICT_TEST_APPEND: String(plan.append),
        });
        children.add(child);
        const current = child;
        const diagnose = () => `life ${life}: ${JSON.stringify(current.logs.slice(-5))}\n${current.stderr().slice(-2000)}`;
        if (plan.kill?.kind === 'backoff-429' || plan.kill?.kind === 'backoff-502') {
          const status = plan.kill.kind === 'backoff-429' ? 429 : 502;
          // The outbox logs this once the SDK's own retries are spent, just before it sleeps.
          const line = await within(30_000, `a ${status} backoff`, current.waitForLog((l) => l.msg === 'audit post failed; retrying' && l.status === status), diagnose);
          kill(plan.kill.kind, Number(line.seq));
        } else if (!plan.kill) {
          await within(30_000, 'the last entry', (async () => {
            while (!accepted.some((a) => a.seq === TOTAL)) await new Promise((r) => setTimeout(r, 50));
          })(), diagnose);
          current.kill('SIGTERM');
        }
        const exit = await within(30_000, 'the bot to exit', current.exited, diagnose);
        expect(exit).toEqual(plan.kill ? { code: null, signal: 'SIGKILL' } : { code: 0, signal: null });
        children.delete(current);
        logs.push(...current.logs);
      }
    } finally {
      await connector.stop();
    }

    const seqs = accepted.map((a) => a.seq);
    // Nothing lost, nothing out of order: each post is the previous entry again or the next one.
    expect(seqs[0]).toBe(1);
    expect(seqs[seqs.length - 1]).toBe(TOTAL);
    seqs.slice(1).forEach((seq, i) => expect([seqs[i], (seqs[i] as number) + 1]).toContain(seq));
    // A repeat only of an entry in flight when a kill hit an ambiguous moment, and always marked.
    const ambiguous = kills.filter((k) => k.kind === 'held' || k.kind === 'after-200').map((k) => k.seq);
    const repeats = accepted.filter((a, i) => i > 0 && a.seq === seqs[i - 1]);
    for (const r of repeats) {
      expect(ambiguous).toContain(r.seq);
      expect(r.repeat).toBe(true);
    }
    const held = kills.find((k) => k.kind === 'held');
    expect(repeats.map((r) => r.seq)).toContain(held?.seq);
    const logged = logs.filter((l) => /possible repeat/.test(l.msg ?? '')).map((l) => l.seq);
    expect(logged).toEqual(accepted.filter((a) => a.repeat).map((a) => a.seq));
    // Marked only where the earlier outcome was unknown: never after a refusal (429).
    const unknown = kills.filter((k) => k.kind !== 'backoff-429').map((k) => k.seq);
    for (const m of accepted.filter((a) => a.repeat)) expect(unknown).toContain(m.seq);
    const refused = kills.find((k) => k.kind === 'backoff-429');
    expect(accepted.filter((a) => a.seq === refused?.seq)).toEqual([expect.objectContaining({ repeat: false })]);
    // Replies go into threads the channel has.
    const created = new Set(accepted.filter((a) => a.created).map((a) => a.thread));
    for (const a of accepted.filter((x) => !x.created)) expect(created).toContain(a.thread);
    // The journal holds every entry once; the outbox's state is at its end with nothing in flight.
    expect(readFileSync(join(stateDir, 'audit.jsonl'), 'utf8').trim().split('\n')).toHaveLength(TOTAL);
    const state = await storageOutboxState(createFileStorage({ dir: join(stateDir, 'state') })).load();
    expect(state).toEqual({ deliveredSeq: TOTAL, threads: expect.any(Object), roots: expect.any(Object) });
    expect(injected).toBeGreaterThan(5);

    if (process.env.OUTBOX_KILL_SUMMARY) {
      console.info({ entries: TOTAL, posts: accepted.length, kills, repeats: repeats.map((r) => r.seq), marked: accepted.filter((a) => a.repeat).map((a) => a.seq), injectedFailures: injected, connectorCalls: connector.calls.length, wallMs: Date.now() - started });
    }
  }, 120_000);
});
