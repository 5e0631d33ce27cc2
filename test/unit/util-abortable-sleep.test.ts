import { abortableSleep, interruptibleSleep } from '../../src/util/abortable-sleep';

describe('abortableSleep', () => {
  it('when nothing aborts, then it resolves', async () => {
    await expect(abortableSleep(0)).resolves.toBeUndefined();
  });

  it('when the signal is already aborted, then it rejects with its reason', async () => {
    await expect(abortableSleep(60_000, AbortSignal.abort(new Error('stopping')))).rejects.toThrow('stopping');
  });

  it('when the signal aborts while it waits, then it rejects with the reason instead of waiting out the time', async () => {
    const controller = new AbortController();
    const sleeping = abortableSleep(60_000, controller.signal);
    controller.abort(new Error('stopping'));
    await expect(sleeping).rejects.toThrow('stopping');
  });
});

describe('interruptibleSleep', () => {
  it('when the signal aborts while it waits, then it resolves early without an error', async () => {
    const controller = new AbortController();
    const sleeping = interruptibleSleep(60_000, controller.signal);
    controller.abort(new Error('stopping'));
    await expect(sleeping).resolves.toBeUndefined();
  });

  it('when the signal is already aborted, then it resolves at once', async () => {
    await expect(interruptibleSleep(60_000, AbortSignal.abort())).resolves.toBeUndefined();
  });
});
