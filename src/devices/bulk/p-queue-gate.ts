import type { Gate } from './ports';

/**
 * The bulk runner's gate over p-queue 9 (DESIGN's choice for bounded concurrency). p-queue is
 * ESM-only: Node ≥ 20.19 loads it with require() (require(esm)), which this CommonJS build and
 * tsx both use; jest's module system cannot, so unit and integration tests pass a plain gate.
 */
export function pQueueGate(concurrency: number): Gate {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { default: PQueue } = require('p-queue') as typeof import('p-queue');
  const queue = new PQueue({ concurrency });
  return <T>(task: () => Promise<T>) => queue.add(task) as Promise<T>;
}

/** A gate with at most `concurrency` tasks running (tests, and a fallback where p-queue cannot load). */
export function simpleGate(concurrency: number): Gate {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (running >= concurrency) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
    try {
      return await task();
    } finally {
      running--;
      waiting.shift()?.();
    }
  };
}
