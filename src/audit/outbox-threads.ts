import type { AuditEntry } from './journal';
import { channelOf, rootIdOf } from '../util/thread-id';
import type { OutboxState } from './outbox-ports';

/**
 * Requests whose threads (and root posts) the outbox remembers. A thread is needed while its
 * request still gets entries (decisions, Defender's result, isolation status over hours); the
 * least recently used go first, so the state stays small however many requests there were. An
 * entry of a forgotten request starts a new thread (its card names the request).
 */
export const THREADS_KEPT = 500;

/** The request's thread, if it is in this channel (Teams: `<channel>;messageid=<root>`). */
export function threadOf(state: OutboxState, requestId: string | undefined, channelId: string | undefined): string | undefined {
  const thread = requestId === undefined ? undefined : state.threads.get(requestId);
  // A thread id of another shape names no channel: kept, rather than losing the threading.
  if (!thread || !channelId || !thread.includes(';')) return thread;
  return channelOf(thread).toLowerCase() === channelId.toLowerCase() ? thread : undefined;
}

/** The state once `entry` was replied into its request's thread: that request is recent again. */
export function afterReply(state: OutboxState, entry: AuditEntry): OutboxState {
  const threads = new Map(state.threads);
  const roots = state.roots ? new Map(state.roots) : undefined;
  if (entry.requestId !== undefined) touch(threads, roots, entry.requestId);
  return withoutInFlight({ ...state, deliveredSeq: entry.seq, threads, ...(roots ? { roots } : {}) });
}

/** The state once `entry` started a thread: the request's thread and root post, oldest forgotten. */
export function afterNewThread(state: OutboxState, entry: AuditEntry, threadId: string, activityId: string | undefined): OutboxState {
  const done = withoutInFlight({ ...state, deliveredSeq: entry.seq });
  const requestId = entry.requestId;
  if (requestId === undefined) return done;
  const threads = new Map(state.threads);
  const roots = new Map(state.roots ?? []);
  threads.delete(requestId);
  threads.set(requestId, threadId);
  roots.delete(requestId);
  const rootId = activityId ?? rootIdOf(threadId);
  if (rootId) roots.set(requestId, { activityId: rootId, seq: entry.seq });
  for (const oldest of threads.keys()) {
    if (threads.size <= THREADS_KEPT) break;
    threads.delete(oldest);
    roots.delete(oldest);
  }
  return { ...done, threads, ...(roots.size > 0 ? { roots } : {}) };
}

/** The state once `entry` was dealt with by something other than its own card (a notice). */
export function afterPassing(state: OutboxState, seq: number): OutboxState {
  return withoutInFlight({ ...state, deliveredSeq: seq });
}

function touch(threads: Map<string, string>, roots: Map<string, { activityId: string; seq: number }> | undefined, requestId: string): void {
  const thread = threads.get(requestId);
  if (thread === undefined) return;
  threads.delete(requestId);
  threads.set(requestId, thread);
  const root = roots?.get(requestId);
  if (root && roots) {
    roots.delete(requestId);
    roots.set(requestId, root);
  }
}

function withoutInFlight(state: OutboxState): OutboxState {
  const { inFlight: _, ...rest } = state;
  return rest;
}
