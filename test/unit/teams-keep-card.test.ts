import pino from 'pino';
import { TestAdapter, type Activity } from 'botbuilder';
import { VerdictBot } from '../../src/teams/bot';
import type { Router } from '../../src/app/router';
import { keepCard } from '../../src/app/action-answer';

/** A router whose every click opens something in a new message and keeps the clicked card. */
const keeping: Router = { handleMessage: async () => undefined, handleAction: async () => keepCard('Opened below.') };

function botAdapter() {
  const adapter = new TestAdapter((ctx) => new VerdictBot(keeping, pino({ level: 'silent' })).run(ctx));
  const updates: Partial<Activity>[] = [];
  adapter.updateActivity = async (_context, activity) => void updates.push(activity);
  return { adapter, updates };
}

describe('VerdictBot edge: a click that keeps the clicked card', () => {
  it('when an Action.Execute keeps its card, then the invoke is answered with a message, not a card', async () => {
    const { adapter, updates } = botAdapter();
    await adapter.processActivity({
      type: 'invoke', name: 'adaptiveCard/action', from: { id: '29:u' }, recipient: { id: '28:b' }, replyToId: 'summary-1',
      value: { action: { type: 'Action.Execute', verb: 'file.open', data: { sha: 'a'.repeat(64) } }, trigger: 'manual' },
    } as never);
    const response = adapter.activeQueue.find((a) => a.type === 'invokeResponse')?.value as { status: number; body: unknown };
    expect(response).toEqual({ status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: 'Opened below.' } });
    expect(updates).toEqual([]);
  });

  it('when an Action.Submit fallback keeps its card, then the clicked message is not updated', async () => {
    const { adapter, updates } = botAdapter();
    await adapter.processActivity({ type: 'message', from: { id: '29:u' }, recipient: { id: '28:b' }, replyToId: 'summary-1', value: { verb: 'file.open', sha: 'a'.repeat(64) } } as never);
    expect(updates).toEqual([]);
    expect(adapter.activeQueue).toEqual([]);
  });
});
