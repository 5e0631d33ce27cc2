import { createReadiness, type ReadinessCheck } from '../../src/health/readiness';
import { watchAppends } from '../../src/health/append-watch';

function counting(answers: (string | undefined)[]): ReadinessCheck & { calls: number } {
  const check = {
    name: 'MDE token',
    calls: 0,
    check: async () => answers[check.calls++ % answers.length],
  };
  return check;
}

describe('readiness', () => {
  it('when probed again within the cache time, then the checks are not run again (Entra is not hammered)', async () => {
    let t = 0;
    const token = counting([undefined]);
    const readiness = createReadiness([token], { cacheMs: 10_000, now: () => t });
    await Promise.all([readiness(), readiness(), readiness()]);
    t = 9_999;
    await readiness();
    expect(token.calls).toBe(1);
    t = 10_000;
    await readiness();
    expect(token.calls).toBe(2);
  });

  it('when a check fails and later passes, then the report goes not ready with its reason, then ready', async () => {
    let t = 0;
    const changes: boolean[] = [];
    const readiness = createReadiness([counting(['cannot be obtained (unauthorized)', undefined])], { cacheMs: 1, now: () => t, onChange: (r) => changes.push(r.ready) });
    expect(await readiness()).toEqual({ ready: false, reasons: ['MDE token: cannot be obtained (unauthorized)'] });
    t = 5;
    expect(await readiness()).toEqual({ ready: true, reasons: [] });
    expect(changes).toEqual([false, true]);
  });

  it('when a check throws, then its reason is the error code, not the message', async () => {
    const leaky: ReadinessCheck = { name: 'state store', check: () => Promise.reject(Object.assign(new Error('password=hunter2'), { code: 'ECONNREFUSED' })) };
    expect(await createReadiness([leaky])()).toEqual({ ready: false, reasons: ['state store: failed (ECONNREFUSED)'] });
  });
});

describe('watchAppends', () => {
  const failing = (message: string) => ({ append: (_entry: never): Promise<unknown> => Promise.reject(new Error(message)) });

  it('when an append fails for good (the journal refuses further appends), then forgetting it does not clear it', async () => {
    const { journal, watch } = watchAppends(failing('Audit journal /x: an append failed and could not be undone; refusing further appends'));
    await expect(journal.append(undefined as never)).rejects.toThrow();
    watch.forget();
    expect(watch.lastFailure()).toEqual({ code: 'Error', permanent: true });
  });

  it('when an append fails once, then it is reported until forgotten', async () => {
    const { journal, watch } = watchAppends(failing('Audit journal /x: append of seq 3 failed; nothing was recorded'));
    await expect(journal.append(undefined as never)).rejects.toThrow();
    expect(watch.lastFailure()).toEqual({ code: 'Error', permanent: false });
    watch.forget();
    expect(watch.lastFailure()).toBeUndefined();
  });
});
