import type { Card } from '../../src/cards/card';
import { startProgress } from '../../src/app/progress-message';
import { fakeTurn } from '../support/fake-turn';

const card = (text: string): Card => ({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text }] });
const textOf = (c: Card) => (c.body as { text: string }[])[0]?.text;

/** A clock the test moves by hand. */
function clock() {
  let t = 1_000;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('progress message', () => {
  it('when progress comes faster than the interval, then Teams is updated at most once per interval', async () => {
    const turn = fakeTurn();
    const c = clock();
    const progress = await startProgress(turn, card('Looking up 30 hashes…'), { now: c.now, intervalMs: 2_000 });
    progress.update(card('1 of 30'));
    c.advance(1_999);
    progress.update(card('2 of 30'));
    c.advance(1);
    progress.update(card('3 of 30'));
    await settle();
    c.advance(500);
    progress.update(card('4 of 30'));
    await progress.finish([card('summary')]);
    expect(turn.events.map((e) => `${e.kind} ${e.id} ${textOf(e.card)}`)).toEqual(['reply sent-1 Looking up 30 hashes…', 'update sent-1 3 of 30', 'update sent-1 summary']);
  });

  it('when an update is still on its way, then later progress is skipped and the result lands after it', async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const turn = fakeTurn({ onUpdate: (n) => (n === 1 ? held : undefined) });
    const c = clock();
    const progress = await startProgress(turn, card('start'), { now: c.now, intervalMs: 10 });
    c.advance(10);
    progress.update(card('slow'));
    c.advance(10);
    progress.update(card('skipped'));
    const finished = progress.finish([card('summary')]);
    await settle();
    expect(turn.events.map((e) => textOf(e.card))).toEqual(['start']);
    release();
    await finished;
    expect(turn.events.map((e) => textOf(e.card))).toEqual(['start', 'slow', 'summary']);
    expect(turn.messages().map((m) => textOf(m.card))).toEqual(['summary']);
  });

  it('when the result spans several cards, then the progress message becomes the first and the rest are new messages', async () => {
    const turn = fakeTurn();
    const progress = await startProgress(turn, card('start'), { now: Date.now, intervalMs: 2_000 });
    await progress.finish([card('part 1'), card('part 2'), card('part 3')]);
    expect(turn.messages().map((m) => textOf(m.card))).toEqual(['part 1', 'part 2', 'part 3']);
  });

  it('when Teams refuses a progress update, then progress stops but the result still replaces the message', async () => {
    const turn = fakeTurn({ failUpdates: [1] });
    const c = clock();
    const progress = await startProgress(turn, card('start'), { now: c.now, intervalMs: 1 });
    c.advance(5);
    progress.update(card('1 of 2'));
    await settle();
    c.advance(5);
    progress.update(card('2 of 2'));
    await progress.finish([card('summary')]);
    expect(turn.failedUpdates).toBe(1);
    expect(turn.messages().map((m) => textOf(m.card))).toEqual(['summary']);
  });

  it('when Teams refuses every update, then the result comes as a new message and nothing is lost', async () => {
    const turn = fakeTurn({ failUpdates: true });
    const progress = await startProgress(turn, card('start'), { now: Date.now, intervalMs: 0 });
    progress.update(card('progress'));
    await progress.finish([card('part 1'), card('part 2')]);
    expect(turn.messages().map((m) => textOf(m.card))).toEqual(['start', 'part 1', 'part 2']);
  });

  it('when the channel returns no id for the progress message, then no update is tried and the result is sent', async () => {
    const turn = fakeTurn({ noIds: true });
    const progress = await startProgress(turn, card('start'), { now: Date.now, intervalMs: 0 });
    progress.update(card('progress'));
    await progress.finish([card('summary')]);
    expect(turn.events.map((e) => `${e.kind} ${textOf(e.card)}`)).toEqual(['reply start', 'reply summary']);
    expect(turn.failedUpdates).toBe(0);
  });
});
