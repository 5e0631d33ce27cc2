/**
 * Runs the tasks given to it one after another, in the order given; a failed task does not stop
 * the ones after it (its caller gets the failure). The journals append through one of these.
 */
export function serialQueue(): <T>(task: () => Promise<T>) => Promise<T> {
  let last: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>): Promise<T> => {
    const run = last.then(task);
    last = run.catch(() => undefined);
    return run;
  };
}
