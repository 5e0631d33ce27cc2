import { createRetryingSender, type Exchange, type FailedOutcome } from '../../src/http/retrying-sender';
import { scriptedFetch, type ExpectedCall, type ScriptedReply } from '../support/scripted-fetch';

const URL_ = 'https://api.test/thing';
type Failure = { what: string; status?: number };
class TestError extends Error {
  constructor(readonly failure: Failure | 'stopped', readonly retryAfterMs?: number) {
    super(typeof failure === 'string' ? failure : failure.what);
  }
}
const get = (reply: ScriptedReply, token = 'tok-1'): ExpectedCall => ({ method: 'GET', url: URL_, headers: { authorization: `Bearer ${token}` }, reply });

let slept: number[] = [];
beforeEach(() => (slept = []));

function setup(calls: ExpectedCall[], over: Partial<Exchange<Failure>> = {}, sleep = async (ms: number) => void slept.push(ms)) {
  const http = scriptedFetch(calls);
  const tokens: boolean[] = [];
  const send = createRetryingSender({ name: 'test', fetch: http.fetch, maxRetries: 2, maxRetryAfterMs: 10_000, sleep, random: () => 0, now: () => 0 });
  const exchange: Exchange<Failure> = {
    operation: 'thing.get',
    url: URL_,
    init: (token) => ({ method: 'GET', headers: { Authorization: `Bearer ${token}` } }),
    token: async (force) => (tokens.push(force), force ? 'tok-2' : 'tok-1'),
    timeoutMs: 50,
    isAnswer: (status) => status === 200 || status === 404,
    judge: (o: FailedOutcome) => ({ failure: { what: o.type, status: o.type === 'response' ? o.status : undefined }, retry: o.type === 'response' && o.status === 429 ? 'throttled' : o.type === 'response' && o.status < 500 ? 'never' : 'transient' }),
    toError: (failure, retryAfterMs) => new TestError(failure, retryAfterMs),
    stopped: () => new TestError('stopped'),
    ...over,
  };
  return { http, tokens, run: () => send(exchange) };
}

const thrown = async (p: Promise<unknown>): Promise<TestError> => {
  const e = await p.then(() => undefined, (x: unknown) => x);
  if (!(e instanceof TestError)) throw new Error(`expected the client's error, got ${String(e)}`);
  return e;
};

describe('createRetryingSender', () => {
  it('when the status is one the client calls an answer, then that response is returned as is', async () => {
    const s = setup([get({ status: 404, body: { error: 'none' } })]);
    await expect(s.run()).resolves.toMatchObject({ type: 'response', status: 404, text: '{"error":"none"}' });
    s.http.assertDone();
  });

  it('when a 401 comes once, then a fresh token is asked for and the call repeated without a wait', async () => {
    const s = setup([get({ status: 401 }), get({ status: 200, body: {} }, 'tok-2')]);
    await expect(s.run()).resolves.toMatchObject({ status: 200 });
    expect(s.tokens).toEqual([false, true]);
    expect(slept).toEqual([]);
  });

  it('when a 401 comes twice, then the client error is thrown with its own failure', async () => {
    const s = setup([get({ status: 401 }), get({ status: 401 }, 'tok-2')]);
    expect((await thrown(s.run())).failure).toEqual({ what: 'response', status: 401 });
    s.http.assertDone();
  });

  it('when a 429 carries Retry-After, then the asked pause is reported and the call repeated after at least that long', async () => {
    const asked: number[] = [];
    const s = setup([get({ status: 429, headers: { 'retry-after': '3' } }), get({ status: 200 })], { onThrottled: (ms) => void asked.push(ms) });
    await s.run();
    expect(asked).toEqual([3_000]);
    expect(slept).toEqual([3_000]);
  });

  it('when a transient failure lasts, then it is tried maxRetries more times and the last failure thrown', async () => {
    const s = setup([get({ status: 503 }), get({ networkError: 'ECONNRESET' }), get({ hang: true })]);
    const e = await thrown(s.run());
    expect(e.failure).toEqual({ what: 'timeout', status: undefined });
    expect(slept).toHaveLength(2);
    s.http.assertDone();
  });

  it('when the client says a failure never repeats, then it is thrown after one attempt with any Retry-After', async () => {
    const s = setup([get({ status: 400, headers: { 'retry-after': '5' } })]);
    expect(await thrown(s.run())).toMatchObject({ failure: { what: 'response', status: 400 }, retryAfterMs: 5_000 });
    expect(slept).toEqual([]);
  });

  it('when a slot is taken for each attempt, then the retry is flagged and every slot is freed', async () => {
    const taken: boolean[] = [];
    let freed = 0;
    const s = setup([get({ networkError: 'ECONNREFUSED' }), get({ status: 200 })], { slot: async (retry) => (taken.push(retry), () => void freed++) });
    await s.run();
    expect(taken).toEqual([false, true]);
    expect(freed).toBe(2);
  });

  it('when the slot is refused, then the client stopped error is thrown and nothing is sent', async () => {
    const s = setup([], { slot: async () => Promise.reject(new Error('aborted while queued')) });
    expect((await thrown(s.run())).failure).toBe('stopped');
    expect(s.http.calls).toHaveLength(0);
  });

  it('when the caller aborts during an attempt, then the client stopped error is thrown and nothing is repeated', async () => {
    const controller = new AbortController();
    const s = setup([get({ hang: true })], { signal: controller.signal, timeoutMs: 60_000 });
    const pending = s.run();
    setImmediate(() => controller.abort(new Error('caller gave up')));
    expect((await thrown(pending)).failure).toBe('stopped');
    s.http.assertDone();
  });

  it('when the wait between attempts is interrupted, then the client stopped error is thrown', async () => {
    const s = setup([get({ status: 503 })], {}, async () => Promise.reject(new Error('aborted')));
    expect((await thrown(s.run())).failure).toBe('stopped');
    s.http.assertDone();
  });
});
