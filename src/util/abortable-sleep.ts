/** setTimeout as a promise that a signal can cut short (rejecting with the signal's reason). */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** A timer that ends early, without an error, on abort: a loop waiting between steps then just stops. */
export const interruptibleSleep = (ms: number, signal: AbortSignal): Promise<void> => abortableSleep(ms, signal).catch(() => undefined);
