/**
 * `fn` over `items` with at most `limit` calls in flight; results in input order. When a call
 * throws, no further items are started and the first error is what the returned promise rejects
 * with (calls already in flight finish on their own).
 */
export async function mapBounded<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (!failed && next < items.length) {
      const index = next++;
      try {
        results[index] = await fn(items[index] as T, index);
      } catch (err) {
        failed = true;
        throw err;
      }
    }
  };
  const workers = Array.from({ length: Math.min(items.length, Math.max(1, Math.floor(limit))) }, worker);
  await Promise.all(workers);
  return results;
}
