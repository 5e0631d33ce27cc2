/** One HTTP exchange under a deadline: the raw outcome, before any retry decision. */
export type AttemptOutcome =
  | { type: 'response'; status: number; headers: Headers; text: string }
  | { type: 'timeout' }
  | { type: 'aborted'; reason: unknown }
  | { type: 'network'; error: unknown };

/**
 * Sends one request and reads the whole body, both within `timeoutMs`. A caller's `signal` aborts
 * the attempt too; the outcome says which of the two it was. Never throws.
 */
export async function fetchAttempt(
  fetchFn: typeof fetch,
  url: string,
  init: RequestInit,
  timeoutMs: number,
  callerSignal?: AbortSignal,
): Promise<AttemptOutcome> {
  if (callerSignal?.aborted) return { type: 'aborted', reason: callerSignal.reason };
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new Error(`no answer within ${timeoutMs} ms`));
  }, timeoutMs);
  const onCallerAbort = () => controller.abort(callerSignal?.reason);
  callerSignal?.addEventListener('abort', onCallerAbort, { once: true });
  try {
    const res = await fetchFn(url, { ...init, signal: controller.signal });
    const text = await res.text();
    return { type: 'response', status: res.status, headers: res.headers, text };
  } catch (error) {
    if (timedOut) return { type: 'timeout' };
    if (callerSignal?.aborted) return { type: 'aborted', reason: callerSignal.reason };
    return { type: 'network', error };
  } finally {
    clearTimeout(timer);
    callerSignal?.removeEventListener('abort', onCallerAbort);
  }
}
