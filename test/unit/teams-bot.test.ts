import { Writable } from 'node:stream';
import pino from 'pino';
import { TestAdapter } from 'botbuilder';
import { VerdictBot } from '../../src/teams/bot';
import type { Router } from '../../src/app/router';
import type { Turn } from '../../src/app/turn';
import { cardOf, cardText } from '../support/card-text';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
  return { lines, logger: pino({ level: 'info' }, stream) };
}

describe('VerdictBot edge', () => {
  it('when the router throws, then the user gets a generic card with a correlation id and the log has the error', async () => {
    const { lines, logger } = capture();
    const router: Router = {
      handleMessage: async () => {
        throw new Error('db password is hunter2');
      },
      handleAction: async () => ({ type: 'AdaptiveCard' }),
    };
    const adapter = new TestAdapter((ctx) => new VerdictBot(router, logger).run(ctx));
    await adapter.processActivity({ type: 'message', text: '/hash x', from: { id: '29:u' }, recipient: { id: '28:b' } } as never);
    const text = cardText(cardOf(adapter.activeQueue[0]));
    const correlation = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/.exec(text)?.[0];
    expect(correlation).toBeDefined();
    expect(text).not.toContain('hunter2');
    const logged = lines.join('');
    expect(logged).toContain('turn failed');
    expect(logged).toContain(correlation);
  });

  it('when a message mentions the bot, then the router sees the text without the mention', async () => {
    const seen: Turn[] = [];
    const router: Router = { handleMessage: async (t) => void seen.push(t), handleAction: async () => ({ type: 'AdaptiveCard' }) };
    const adapter = new TestAdapter((ctx) => new VerdictBot(router, pino({ level: 'silent' })).run(ctx));
    await adapter.processActivity({
      type: 'message',
      text: '<at>Verdict</at>&nbsp;/hash abc',
      from: { id: '29:u', aadObjectId: 'oid-1', name: 'Alex' },
      recipient: { id: '28:b', name: 'Verdict' },
      entities: [{ type: 'mention', mentioned: { id: '28:b', name: 'Verdict' }, text: '<at>Verdict</at>' }],
      channelData: { tenant: { id: 'tenant-1' } },
    } as never);
    expect(seen[0]?.text).toBe('/hash abc');
    expect(seen[0]?.user).toEqual({ id: '29:u', aadObjectId: 'oid-1', name: 'Alex' });
    expect(seen[0]?.tenantId).toBe('tenant-1');
  });

  it('when a message mentions the bot but its text is null (the door lets null through), then the router sees empty text', async () => {
    const seen: Turn[] = [];
    const router: Router = { handleMessage: async (t) => void seen.push(t), handleAction: async () => ({ type: 'AdaptiveCard' }) };
    const adapter = new TestAdapter((ctx) => new VerdictBot(router, pino({ level: 'silent' })).run(ctx));
    await adapter.processActivity({
      type: 'message',
      text: null,
      from: { id: '29:u' },
      recipient: { id: '28:b', name: 'Verdict' },
      entities: [{ type: 'mention', mentioned: { id: '28:b', name: 'Verdict' }, text: '<at>Verdict</at>' }],
    } as never);
    expect(seen.map((t) => t.text)).toEqual(['']);
  });
});
