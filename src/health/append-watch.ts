import { errorName } from './readiness';

export interface AppendWatch {
  /** The last append's failure, if it failed; `permanent` when the journal refuses every append from now on. */
  lastFailure(): { code: string; permanent: boolean } | undefined;
  /** The condition that failed the append is gone (readiness checked the file): stop reporting it. */
  forget(): void;
}

/**
 * Wraps the journal to remember whether its last append failed. The file journal says it will
 * refuse every later append (closed, or an append it could not undo) in its error message; those
 * stay failed until a restart.
 */
export function watchAppends<J extends { append(entry: never): Promise<unknown> }>(journal: J): { journal: J; watch: AppendWatch } {
  let failure: { code: string; permanent: boolean } | undefined;
  const watched = {
    ...journal,
    append: async (entry: Parameters<J['append']>[0]) => {
      try {
        const appended = await journal.append(entry);
        failure = undefined;
        return appended;
      } catch (err) {
        const message = err instanceof Error ? err.message : '';
        failure = { code: errorName(err), permanent: /refusing further appends|: closed$/.test(message) };
        throw err;
      }
    },
  } as J;
  return {
    journal: watched,
    watch: {
      lastFailure: () => failure,
      forget: () => {
        if (!failure?.permanent) failure = undefined;
      },
    },
  };
}
