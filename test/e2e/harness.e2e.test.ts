/**
 * The harness itself, against the real Playground and Verdict.
 *
 * Broken cards: the Playground never reports one (it renders an empty frame, or its connector
 * refuses the message with a 400 that only the Log Panel shows). These cards are posted straight
 * to its mock connector, as a bot would post them, and `nextBotCard` must reject each one.
 *
 * Buttons: a card with a button Verdict does not know proves the click paths end to end, for the
 * Playground's own user (card replaced in the chat) and for another user (invoke answer returned).
 */
import { useE2e } from './harness';

jest.setTimeout(60_000);

const ADAPTIVE = 'application/vnd.microsoft.card.adaptive';

const card = (body: unknown[], actions?: unknown[]) => ({ contentType: ADAPTIVE, content: { type: 'AdaptiveCard', version: '1.5', body, actions } });

const e2e = useE2e();

describe('a card the Playground cannot render fails the test', () => {
  test('when a card uses an element type that does not exist, then nextBotCard fails naming it', async () => {
    const status = await e2e.postBotMessage([card([{ type: 'TextBlock', text: 'fine' }, { type: 'VerdictBadge', text: 'x' }])]);

    expect(status).toBe(201);
    await expect(e2e.nextBotCard()).rejects.toThrow(/\$\.body\[1\]\.type: unknown element type "VerdictBadge"/);
  });

  test('when a card renders nothing, then nextBotCard fails saying it rendered empty', async () => {
    await e2e.postBotMessage([card([])]);

    await expect(e2e.nextBotCard()).rejects.toThrow(/rendered empty/);
  });

  test('when a card is not JSON, then the Playground refuses it and nextBotCard fails with that refusal', async () => {
    const status = await e2e.postBotMessage([{ contentType: ADAPTIVE, content: '{"type": "AdaptiveCard", "body": [' }]);

    expect(status).toBe(400);
    await expect(e2e.nextBotCard({ timeoutMs: 5_000 })).rejects.toThrow(/HTTP 400/);
  });

  test('when a valid card follows broken ones, then nextBotCard returns it', async () => {
    await e2e.postBotMessage([card([{ type: 'TextBlock', text: 'Still rendering' }])]);

    const next = await e2e.nextBotCard();

    expect(await e2e.cardText(next)).toBe('Still rendering');
  });

  test('when a long unbroken value does not fit, then clippedText reports it', async () => {
    const long = 'f'.repeat(200);
    await e2e.postBotMessage([card([{ type: 'FactSet', facts: [{ title: 'Value', value: long }] }, { type: 'TextBlock', text: 'short', wrap: true }])]);

    const next = await e2e.nextBotCard();

    expect(await e2e.clippedText(next)).toEqual([long]);
  });
});

describe('card buttons', () => {
  const stale = () => card([{ type: 'TextBlock', text: 'A card from an older Verdict' }], [{ type: 'Action.Execute', title: 'Retire', verb: 'e2e.retired', data: { requestId: 'r-1' } }]);

  test('when Alex clicks a button Verdict does not know, then the card in his chat is replaced by a clear refusal', async () => {
    await e2e.postBotMessage([stale()]);
    const before = await e2e.nextBotCard();

    const clicked = await e2e.clickCardButton(before, 'Retire');

    expect(clicked.response?.type).toBe(ADAPTIVE);
    expect(await e2e.cardText(clicked.card)).toContain('This button is not supported');
  });

  test('when Megan clicks it from her own account, then she gets the refusal and Alex\'s card stays as it was', async () => {
    await e2e.postBotMessage([stale()]);
    const shown = await e2e.nextBotCard();

    const answer = await e2e.asUser('Megan Bowen').clickCardButton(shown, 'Retire');

    expect(answer.status).toBe(200);
    expect(JSON.stringify(answer.body)).toContain('This button is not supported');
    expect(await e2e.cardText(shown)).toMatch(/^A card from an older Verdict\s+Retire$/);
  });
});
