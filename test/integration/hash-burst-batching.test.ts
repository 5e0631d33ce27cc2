import { createHash } from 'node:crypto';
import pino from 'pino';
import { TestAdapter, type Activity } from 'botbuilder';
import { startSandbox, type Sandbox } from '../../src/sandbox';
import { DEMO_APP_ROLES } from '../../src/sandbox/demo-tenant';
import { createMdeRateLimiter } from '../../src/mde/rate-limiter';
import { layeredClient } from '../../src/mde/create';
import { createRouter } from '../../src/app/router';
import { defaultCommands } from '../../src/app/commands';
import { VerdictBot } from '../../src/teams/bot';
import { buildRoleResolver } from '../../src/access';
import { cardOf, cardText } from '../support/card-text';
import { clientFor } from './sandbox-http';

/**
 * Cross-user batching through the real bot, client and sandbox: the sandbox and the client's
 * limiter share a scaled-down Files API budget (5 a "minute" of 6 s), so a burst outgrows it at once.
 */
jest.setTimeout(60_000);

const FILES_PER_MINUTE = 5;
const sha256 = (label: string) => createHash('sha256').update(`burst/${label}`).digest('hex');
/** Hunting calls, whichever endpoint serves hunting (MDE's advanced queries or Graph's). */
const huntingCalls = (sb: Sandbox) => Object.entries(sb.stats().byFamily).filter(([family]) => /hunt/i.test(family)).reduce((n, [, c]) => n + c, 0);
const filesCalls = (sb: Sandbox) => sb.stats().byFamily.files ?? 0;

async function startStack(sandboxOptions: { appRoles?: string[]; timeScale: number }) {
  const limits = { familyLimits: { files: { perMinute: FILES_PER_MINUTE } }, timeScale: sandboxOptions.timeScale };
  const sb = await startSandbox({ ...limits, syntheticFiles: true, appRoles: sandboxOptions.appRoles });
  const limiter = createMdeRateLimiter(limits);
  const { client, batcher } = layeredClient(clientFor(sb, { limiter }), limiter, 600_000, { gatherMs: 50, initialRoundTripMs: 500 });
  const allowed = [sb.credentials.tenantId];
  const roles = await buildRoleResolver({ source: { kind: 'none' }, allowedTenantIds: allowed, defaultRole: 'reader', now: Date.now, logger: pino({ level: 'silent' }) });
  const router = createRouter({ mde: client, portalUrl: 'https://security.microsoft.com', tenants: { allowed, requireTenant: false }, roles, rolesDefault: 'reader' }, defaultCommands());
  const bot = new VerdictBot(router, pino({ level: 'silent' }));
  const adapter = new TestAdapter((context) => bot.run(context));
  const replies = new Map<string, Partial<Activity>[]>();
  adapter.sendActivities = async (context, activities) => {
    replies.get(context.activity.conversation.id)?.push(...activities);
    return activities.map((_, i) => ({ id: `r-${i}` }));
  };
  let n = 0;
  /** `/hash` from user `u` in their own chat; resolves with the verdict card's text. */
  const hash = async (u: number, value: string) => {
    const conversation = `a:user-${u}-${n++}`;
    const sent: Partial<Activity>[] = [];
    replies.set(conversation, sent);
    await adapter.processActivity({
      type: 'message', text: `/hash ${value}`, channelId: 'msteams', recipient: { id: '28:verdict', name: 'Verdict' },
      from: { id: `29:user-${u}`, name: `User ${u}`, aadObjectId: `00000000-0000-4000-8000-${u.toString(16).padStart(12, '0')}` },
      conversation: { id: conversation, conversationType: 'personal', isGroup: false, name: '' },
      channelData: { tenant: { id: sb.credentials.tenantId } },
    });
    return cardText(cardOf(sent[0] as never));
  };
  return { sb, limiter, batcher: batcher!, hash };
}

const VERDICT = /Malicious|Suspicious|Clean|Unknown|Not found/;

describe('/hash bursts from many users', () => {
  let stack: Awaited<ReturnType<typeof startStack>> | undefined;
  afterEach(async () => {
    await stack?.sb.stop();
    stack = undefined;
  });

  it('when one analyst asks for one hash at low load, then it goes to the Files API, not hunting', async () => {
    stack = await startStack({ timeScale: 0.1 });
    expect(await stack.hash(1, sha256('lone'))).toMatch(VERDICT);
    expect([filesCalls(stack.sb), huntingCalls(stack.sb)]).toEqual([1, 0]);
  });

  it('when 12 users ask for 24 hashes at once (4 asked twice), then what the Files API budget cannot serve soon rides hunting batches, with no 429', async () => {
    stack = await startStack({ timeScale: 0.1 });
    const distinct = Array.from({ length: 20 }, (_, i) => sha256(`burst-${i}`));
    const asked = [...distinct, ...distinct.slice(0, 4)];
    const cards = await Promise.all(asked.map((value, i) => stack!.hash(i % 12, value)));
    expect(cards.every((text) => VERDICT.test(text))).toBe(true);
    expect(filesCalls(stack.sb)).toBe(FILES_PER_MINUTE);
    expect(huntingCalls(stack.sb)).toBeGreaterThanOrEqual(1);
    expect(filesCalls(stack.sb) + huntingCalls(stack.sb)).toBeLessThan(distinct.length);
    expect(stack.sb.stats().throttled).toBe(0);
    expect(stack.batcher.batcherStats()).toMatchObject({ direct: FILES_PER_MINUTE, batched: distinct.length - FILES_PER_MINUTE, fallbacks: 0 });
  });

  it('when hunting is refused, then the burst is answered through the Files API alone and hunting is asked only once', async () => {
    const noHunting = DEMO_APP_ROLES.filter((role) => !/AdvancedQuery|ThreatHunting/i.test(role));
    stack = await startStack({ timeScale: 0.02, appRoles: noHunting });
    const distinct = Array.from({ length: 12 }, (_, i) => sha256(`refused-${i}`));
    const cards = await Promise.all(distinct.map((value, i) => stack!.hash(i, value)));
    expect(cards.every((text) => VERDICT.test(text))).toBe(true);
    expect(filesCalls(stack.sb)).toBe(distinct.length);
    // Asked once: HUNTING_API=auto tries Graph, then (refused for want of permission, before
    // 2027-01-31) the legacy MDE endpoint once; then batching stops.
    expect(stack.sb.stats().byFamily['graph-hunting']).toBe(1);
    expect(huntingCalls(stack.sb)).toBeLessThanOrEqual(2);
    expect(stack.sb.stats().throttled).toBe(0);
    expect(stack.batcher.batcherStats()).toMatchObject({ refusals: 1 });
  });
});
