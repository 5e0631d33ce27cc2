/**
 * One underlying call that several callers wait on. Each caller may abort its own wait; the
 * underlying call is aborted only when every caller that could abort has, and a caller without a
 * signal keeps it alive to the end. So one impatient user never fails the others' lookups.
 */
export interface SharedCall<T> {
  /** This caller's view: the shared result, or a rejection from `abortError` if its signal aborts first. */
  join(signal?: AbortSignal): Promise<T>;
  /** The underlying call (already marked handled, so an abandoned failure is never "unhandled"). */
  readonly result: Promise<T>;
}

export function shareCall<T>(
  start: (signal: AbortSignal) => Promise<T>,
  hooks: { abortError: (reason: unknown) => Error; onAbandon?: () => void },
): SharedCall<T> {
  const controller = new AbortController();
  // Through a promise constructor, so a start() that throws synchronously still rejects.
  const result = new Promise<T>((resolve) => resolve(start(controller.signal)));
  result.catch(() => undefined);
  let abortable = 0;
  let pinned = false;
  let abandoned = false;

  return {
    result,
    join(signal) {
      if (!signal) {
        pinned = true;
        return result;
      }
      if (signal.aborted || abandoned) return Promise.reject(hooks.abortError(signal.reason));
      abortable += 1;
      return new Promise<T>((resolve, reject) => {
        const onAbort = () => {
          abortable -= 1;
          reject(hooks.abortError(signal.reason));
          if (abortable === 0 && !pinned) {
            abandoned = true;
            hooks.onAbandon?.();
            controller.abort(signal.reason);
          }
        };
        signal.addEventListener('abort', onAbort, { once: true });
        const detach = () => signal.removeEventListener('abort', onAbort);
        result.then(
          (value) => (detach(), resolve(value)),
          (error: unknown) => (detach(), reject(error)),
        );
      });
    },
  };
}
