/**
 * Teams channel thread ids: `<channel id>;messageid=<root message id>`. A conversation id without
 * `;` is a channel or chat itself.
 */

/** The thread's root message id, if the id names one. */
export const rootIdOf = (threadId: string): string | undefined => /;messageid=([^;]+)$/.exec(threadId)?.[1];

/** The channel a thread is in (or the conversation id itself, when it names no thread). */
export const channelOf = (conversationId: string): string => conversationId.split(';')[0] ?? conversationId;
