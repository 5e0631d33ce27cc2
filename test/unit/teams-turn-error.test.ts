import { Writable } from 'node:stream';
import pino from 'pino';
import { TestAdapter, type Activity } from 'botbuilder';
import { createAdapter } from '../../src/teams/adapter';
import { cardOf, cardText } from '../support/card-text';

// The adapter's onTurnError (what catches an error the bot's handlers did not): the user gets the
// bot's own correlation-id card, a card click gets it as its invoke response (not a bare 501), and
// the error text stays in the log.
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

function failingTurn(type: string, extra: Partial<Activity> = {}) {
  const lines: string[] = [];
  const logger = pino({ level: 'info' }, new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) }));
  const onTurnError = createAdapter({ appId: '', appPassword: '', appTenantId: '', appType: 'MultiTenant' }, logger).onTurnError;
  const adapter = new TestAdapter(async () => {
    throw new TypeError("Cannot read properties of null (reading 'type') at db password hunter2");
  });
  adapter.onTurnError = onTurnError;
  const activity = { type, from: { id: '29:u' }, recipient: { id: '28:b' }, ...extra } as Activity;
  return { lines, run: () => adapter.processActivity(activity), sent: () => adapter.activeQueue };
}

describe('when a turn fails past the bot handlers', () => {
  it('when it was a message, then the user gets the correlation-id card and the log has the error under that id', async () => {
    const turn = failingTurn('message', { text: '/hash x' });
    await turn.run();
    const text = cardText(cardOf(turn.sent()[0]));
    const correlationId = UUID.exec(text)?.[0];
    expect(correlationId).toBeDefined();
    expect(text).not.toMatch(/hunter2|Cannot read|unexpected error\. Please/);
    const logged = turn.lines.find((line) => line.includes(correlationId!));
    expect(logged).toContain('hunter2');
  });

  it('when it was a card click, then its invoke response is the correlation-id card (200), not a 501', async () => {
    const turn = failingTurn('invoke', { name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: 'x' } } });
    await turn.run();
    const response = turn.sent().find((a) => a.type === 'invokeResponse');
    expect(response?.value).toEqual({ status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: expect.any(Object) } });
    const text = cardText((response?.value as { body: { value: unknown } }).body.value);
    expect(text).toMatch(UUID);
    expect(text).not.toContain('hunter2');
  });

  it('when it was another invoke, then it answers 500 with a generic body', async () => {
    const turn = failingTurn('invoke', { name: 'task/fetch' });
    await turn.run();
    const response = turn.sent().find((a) => a.type === 'invokeResponse');
    expect(response?.value).toEqual({ status: 500, body: { error: 'internal error', correlationId: expect.stringMatching(UUID) } });
  });
});
